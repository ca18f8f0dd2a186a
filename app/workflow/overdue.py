"""超期督办: open deadlines past their date in the viewer's territory, counted by unit × workflow × step
(the unit one level below the viewer: towns for the district, communities for a town), with the records
behind each count and an Excel workbook of both."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

import xlsxwriter
from flask_babel import gettext as _
from sqlalchemy import func, select, union_all

from app import ledger
from app.io import paper
from app.ledger import registry
from app.security.scope import scope_query, subtree_ids, territory_path
from app.workflow.inbox import row_title
from models.org import OrgUnit
from models.workflow import Deadline


@dataclass(frozen=True)
class OverdueItem:
    unit: OrgUnit  # the unit one level below the viewer that the record belongs to
    workflow: Any
    step: Any
    row: Any
    deadline: Deadline
    view: Any

    def days_late(self, today: date) -> int:
        return (today - self.deadline.due_on).days


def late(query: Any, name: str, model: Any, today: date) -> Any:
    """`query` over the open deadlines of ledger `name` due before today, joined to their live rows."""
    return query.join(model, model.id == Deadline.row_id).where(
        Deadline.ledger == name,
        Deadline.status == "open",
        Deadline.due_on < today,
        model.voided_at.is_(None),
    )


def overdue_items(
    user: Any, today: date, ledger_name: str | None = None, step_name: str | None = None, unit: Any = None
) -> list[OverdueItem]:
    """The overdue records, optionally only of one ledger, step and unit (the drill-down of one count)."""
    session = ledger.session()
    items = []
    units = unit_index(user)
    for name, spec in registry.LEDGERS.items():
        workflow = spec.workflow
        if workflow is None or ledger_name not in (None, name):
            continue
        model = spec.model
        query = late(select(Deadline, model), name, model, today).order_by(Deadline.due_on)
        if step_name is not None:
            query = query.where(Deadline.step == step_name)
        if unit is not None:
            query = query.where(model.org_id.in_(subtree_ids(unit.path)))
        for deadline, row in session.execute(scope_query(query, model, user)):
            step = workflow.transition(deadline.step)
            items.append(OverdueItem(units(row.org), workflow, step, row, deadline, registry.VIEWS[name]))
    return items


def overdue_counts(user: Any, today: date) -> list[tuple[OrgUnit, Any, Any, int]]:
    """The board: overdue deadlines counted by SQL per ledger, step and record org (one statement for every
    workflow ledger), then added up by the unit one level below the viewer."""
    parts = []
    for name, spec in registry.LEDGERS.items():
        if spec.workflow is None:
            continue
        model = spec.model
        query = late(select(Deadline.ledger, Deadline.step, model.org_id, func.count()), name, model, today)
        query = query.group_by(Deadline.ledger, Deadline.step, model.org_id)
        parts.append(scope_query(query, model, user))
    if not parts:
        return []
    session = ledger.session()
    orgs = {org.id: org for org in session.execute(select(OrgUnit)).scalars()}
    units = unit_index(user, orgs.values())
    tally: dict[tuple[int, str, str], list[Any]] = {}
    for name, step_name, org_id, n in session.execute(union_all(*parts)):
        workflow = registry.spec(name).workflow
        assert workflow is not None  # the parts are of workflow ledgers only
        unit = units(orgs[org_id])
        key = (unit.id, name, step_name)
        tally.setdefault(key, [unit, workflow, workflow.transition(step_name), 0])[3] += n
    return sorted(
        (tuple(v) for v in tally.values()), key=lambda r: (r[0].path, str(r[1].label), str(r[2].label))
    )


def unit_index(user: Any, tree: Any = None) -> Any:
    """row org → the unit one level below the viewer's (or the viewer's own unit at the bottom); `tree`: the
    org units when the caller has read them already."""
    base = territory_path(user) or ""
    depth = len(base.split("/")) if base else 0
    units = tree if tree is not None else ledger.session().execute(select(OrgUnit)).scalars()
    by_path = {unit.path: unit for unit in units}

    def unit_of(org: OrgUnit) -> OrgUnit:
        parts = org.path.split("/")
        return by_path.get("/".join(parts[: depth + 1]), org)

    return unit_of


def counts(items: list[OverdueItem]) -> list[tuple[OrgUnit, Any, Any, int]]:
    tally: dict[tuple[int, str, str], list[Any]] = {}
    for item in items:
        key = (item.unit.id, item.workflow.ledger, item.step.name)
        tally.setdefault(key, [item.unit, item.workflow, item.step, 0])[3] += 1
    return sorted(
        (tuple(v) for v in tally.values()), key=lambda r: (r[0].path, str(r[1].label), str(r[2].label))
    )


def workbook(items: list[OverdueItem], today: date, unit_name: str, username: str) -> bytes:
    """Two sheets: counts by unit × workflow × step, and the records with their due dates."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    day = book.add_format({"num_format": "yyyy-mm-dd", "border": 1})
    cell = book.add_format({"border": 1})
    title = _("Overdue board")
    for sheet_name, headers, rows in (
        (
            _("Counts"),
            [_("Org unit"), _("Workflow"), _("Step due"), _("Overdue records")],
            [[u.name, str(w.label), str(s.label), n] for u, w, s, n in counts(items)],
        ),
        (
            _("Records"),
            [
                _("Org unit"),
                _("Record org"),
                _("Workflow"),
                _("Record"),
                _("Step due"),
                _("Due on"),
                _("Days overdue"),
            ],
            [
                [
                    i.unit.name,
                    i.row.org.name,
                    str(i.workflow.label),
                    row_title(i.row),
                    str(i.step.label),
                    i.deadline.due_on,
                    i.days_late(today),
                ]
                for i in items
            ],
        ),
    ):
        sheet = book.add_worksheet(sheet_name)
        sheet.write(0, 0, title, bold)
        sheet.write(1, 0, f"{_('Reporting unit')}：{unit_name}")
        sheet.write(2, 0, f"{_('Exported at')}：{today.isoformat()}　{_('Exported by')}：{username}")
        for col, header in enumerate(headers):
            sheet.write(4, col, header, head)
            sheet.set_column(col, col, 18)
        for r, values in enumerate(rows, start=5):
            for col, value in enumerate(values):
                if isinstance(value, date):
                    sheet.write_datetime(r, col, value, day)
                elif isinstance(value, int):
                    sheet.write_number(r, col, value, cell)
                else:
                    sheet.write_string(r, col, str(value), cell)
        paper.print_setup(sheet, len(headers), 4)
        sheet.autofilter(4, 0, 4 + len(rows), len(headers) - 1)
    book.close()
    return out.getvalue()
