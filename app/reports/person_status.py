"""劳动力就业状态统计表: persons of the labour-force registry by employment status, one row per unit one tier
below the user's own (towns for the district, communities for a town), as an xlsx workbook. Run as a
background job, so it counts the territory of the user who started it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import xlsxwriter
from flask_babel import format_date, to_user_timezone
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app import background, codes
from app.io import paper
from app.ledger import session
from app.security.scope import current_actor, scope_query, subtree_ids
from models.org import OrgUnit
from models.person import Person

TITLE = _l("Labour-force employment status statistics")


def status_counts(user: Any, condition: Any) -> dict[str, int]:
    """Current (not voided) persons of the user's territory matching `condition`, by status code."""
    query = select(Person.employment_status, func.count()).where(Person.voided_at.is_(None), condition)
    query = scope_query(query, Person, user).group_by(Person.employment_status)
    return {code: count for code, count in session().execute(query)}


def units_to_count(unit: OrgUnit) -> list[OrgUnit]:
    children = select(OrgUnit).where(OrgUnit.parent_id == unit.id).order_by(OrgUnit.path)
    return list(session().execute(children).scalars()) or [unit]


@background.task("person_statistics", TITLE, startable=True)
def person_statistics(ctx: background.TaskContext) -> str:
    """One aggregate query per unit; progress is units counted of all units."""
    user = current_actor()
    unit = getattr(user, "org", None)
    if unit is None:
        raise background.TaskError(_l("Your account has no org unit; ask the administrator to assign one"))
    units = units_to_count(unit)
    ctx.progress(0, len(units))
    rows: list[tuple[str, dict[str, int]]] = []
    if units != [unit]:
        own = status_counts(user, Person.org_id == unit.id)
        if own:
            rows.append((str(_l("%(unit)s (own level)", unit=unit.name)), own))
    for done, child in enumerate(units, start=1):
        rows.append((child.name, status_counts(user, Person.org_id.in_(subtree_ids(child.path)))))
        ctx.progress(done)
    today = to_user_timezone(datetime.now(UTC)).date()
    filename = f"{TITLE}_{unit.name}_{today.isoformat()}.xlsx"
    write_workbook(ctx.result_path(filename), unit.name, today, rows)
    return filename


def write_workbook(path: Any, unit_name: str, today: date, rows: list[tuple[str, dict[str, int]]]) -> None:
    """Title and unit/date lines, a frozen header, numbers as numbers, a total row."""
    statuses = list(codes.labels("employment_status").items())
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet(str(_l("Statistics")))
    bold = workbook.add_format({"bold": True, "border": 1, "align": "center", "text_wrap": True})
    cell = workbook.add_format({"border": 1})
    title = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
    last_col = len(statuses) + 1
    sheet.merge_range(0, 0, 0, last_col, str(TITLE), title)
    sheet.write_string(1, 0, str(_l("Unit: %(unit)s", unit=unit_name)))
    sheet.write_string(1, last_col - 2, str(_l("Date: %(date)s", date=format_date(today, "long"))))
    header = [str(_l("Org unit")), *(label for _, label in statuses), str(_l("Total"))]
    for col, text in enumerate(header):
        sheet.write_string(2, col, text, bold)
    totals = [0] * (len(statuses) + 1)
    for r, (name, counts) in enumerate(rows, start=3):
        sheet.write_string(r, 0, name, cell)
        values = [counts.get(code, 0) for code, _ in statuses]
        values.append(sum(counts.values()))
        for c, value in enumerate(values, start=1):
            sheet.write_number(r, c, value, cell)
            totals[c - 1] += value
    sheet.write_string(3 + len(rows), 0, str(_l("Total")), bold)
    for c, value in enumerate(totals, start=1):
        sheet.write_number(3 + len(rows), c, value, bold)
    paper.print_setup(sheet, last_col + 1, 2, frozen_columns=1)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, last_col, 12)
    workbook.close()
