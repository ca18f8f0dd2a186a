"""岗位资源信息开发 季度分析 (WF-02/WF-03 step 6 “每季度撰写…调研分析报告”; WF-47): per street/town, the
visits planned in a quarter, how many were made, postponed or cancelled, and the vacancies and headcount
collected on them — the figures of the quarterly analysis report, for the user's territory."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import xlsxwriter
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.io import paper
from app.ledger import session
from app.security.scope import scope_query
from models.org import OrgUnit
from models.vacancy import Vacancy
from models.visit import EmployerVisit

TITLE = _l("Quarterly employer visit analysis")
COLUMNS = (
    ("planned", _l("Visits planned")),
    ("done", _l("Visits made")),
    ("postponed", _l("Postponed")),
    ("cancelled", _l("Cancelled")),
    ("vacancies", _l("Vacancies collected")),
    ("headcount", _l("Headcount collected")),
)


@dataclass
class TownRow:
    town: str
    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys((name for name, _ in COLUMNS), 0))


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    after = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, after


def town_of(path: str, towns: dict[str, str]) -> str:
    prefix = "/".join(path.split("/")[:2])
    return towns.get(prefix, str(_l("District level")))


def quarter_rows(year: int, quarter: int, user: Any) -> list[TownRow]:
    """One row per town of the user's territory that had visits planned in the quarter."""
    first, after = quarter_span(year, quarter)
    in_quarter = (EmployerVisit.planned_on >= first, EmployerVisit.planned_on < after)
    live = EmployerVisit.voided_at.is_(None)
    visits = scope_query(
        select(OrgUnit.path, EmployerVisit.state, func.count())
        .join(OrgUnit, OrgUnit.id == EmployerVisit.org_id)
        .where(live, *in_quarter)
        .group_by(OrgUnit.path, EmployerVisit.state),
        EmployerVisit,
        user,
    )
    collected = scope_query(
        select(OrgUnit.path, func.count(Vacancy.id), func.coalesce(func.sum(Vacancy.headcount), 0))
        .select_from(EmployerVisit)
        .join(OrgUnit, OrgUnit.id == EmployerVisit.org_id)
        .join(Vacancy, Vacancy.visit_id == EmployerVisit.id)
        .where(live, *in_quarter, Vacancy.voided_at.is_(None))
        .group_by(OrgUnit.path),
        EmployerVisit,
        user,
    )
    towns = {
        path: name
        for path, name in session().execute(select(OrgUnit.path, OrgUnit.name).where(OrgUnit.level == "town"))
    }
    rows: dict[str, TownRow] = {}
    for path, state, count in session().execute(visits):
        row = rows.setdefault(town_of(path, towns), TownRow(town_of(path, towns)))
        row.figures["planned"] += count
        if state in row.figures:
            row.figures[state] += count
    for path, count, headcount in session().execute(collected):
        row = rows.setdefault(town_of(path, towns), TownRow(town_of(path, towns)))
        row.figures["vacancies"] += count
        row.figures["headcount"] += int(headcount)
    return [rows[name] for name in sorted(rows)]


def workbook(year: int, quarter: int, unit_name: str, rows: list[TownRow]) -> bytes:
    """Title and unit line, a frozen header, numbers as numbers, a total row."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(str(_l("Statistics")))
    bold = book.add_format({"bold": True, "border": 1, "align": "center", "text_wrap": True})
    cell = book.add_format({"border": 1})
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    last = len(COLUMNS)
    sheet.merge_range(0, 0, 0, last, f"{year}年第{quarter}季度{TITLE}", title)
    sheet.write_string(1, 0, str(_l("Unit: %(unit)s", unit=unit_name)))
    for col, text in enumerate([str(_l("Street/town")), *(str(label) for _, label in COLUMNS)]):
        sheet.write_string(2, col, text, bold)
    totals = dict.fromkeys((name for name, _ in COLUMNS), 0)
    for r, row in enumerate(rows, start=3):
        sheet.write_string(r, 0, row.town, cell)
        for c, (name, _) in enumerate(COLUMNS, start=1):
            sheet.write_number(r, c, row.figures[name], cell)
            totals[name] += row.figures[name]
    sheet.write_string(3 + len(rows), 0, str(_l("Total")), bold)
    for c, (name, _) in enumerate(COLUMNS, start=1):
        sheet.write_number(3 + len(rows), c, totals[name], bold)
    paper.print_setup(sheet, last + 1, 2, frozen_columns=1)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, last, 12)
    book.close()
    return out.getvalue()
