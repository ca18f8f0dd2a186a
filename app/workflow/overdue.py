"""超期督办: every kind of deadline past its date in the viewer's territory — open workflow deadlines, ledger
rows past a due date their spec declares (registry.DueDate: 跟踪回访, 贷后检查's written report) and recurring
duties (日历性职责) a unit has not done — counted by unit × kind × step
(the unit one level below the viewer: towns for the district, communities for a town), with the records
behind each count and an Excel workbook of both."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import xlsxwriter
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, literal, or_, select, union_all

from app import ledger
from app.io import paper
from app.ledger import registry
from app.security.scope import scope_query, subtree_ids, territory_path
from app.templating import beijing
from app.workflow.inbox import row_title
from models.base import utcnow
from models.duty import Duty, DutyDone
from models.org import OrgUnit
from models.workflow import Deadline

DUTY = "duty"  # the board's key of 日历性职责 (its step: the duty's id)
NOTICES = "supervision_notice"  # the 督办通知 ledger: the board sends them and tracks their answers
NOTICES_SHOWN = 50


def notices(user: Any) -> list[Any]:
    """The latest 督办通知 of the user's territory, answered or not (one statement)."""
    model = registry.spec(NOTICES).model
    query = select(model).where(model.voided_at.is_(None)).order_by(model.id.desc()).limit(NOTICES_SHOWN)
    return list(ledger.session().execute(scope_query(query, model, user)).scalars())


@dataclass(frozen=True)
class OverdueItem:
    """One overdue thing: a workflow step, a ledger row past a due date (跟踪回访, 贷后书面报告), or a duty
    a unit has not done."""

    unit: OrgUnit  # the unit one level below the viewer that the record belongs to
    kind: str  # the ledger's name, or DUTY
    kind_label: Any
    step: str
    step_label: Any
    title: str
    org_name: str
    due_on: date
    url: str | None

    def days_late(self, today: date) -> int:
        return (today - self.due_on).days


def late(query: Any, name: str, model: Any, today: date) -> Any:
    """`query` over the open deadlines of ledger `name` due before today, joined to their live rows."""
    return query.join(model, model.id == Deadline.row_id).where(
        Deadline.ledger == name,
        Deadline.status == "open",
        Deadline.due_on < today,
        model.voided_at.is_(None),
    )


def past_due(query: Any, model: Any, due: Any, today: date) -> Any:
    """`query` over the live rows of `model` past the due date `due` (a registry.DueDate) and not met."""
    return query.where(
        getattr(model, due.column) < today, getattr(model, due.done).is_(None), model.voided_at.is_(None)
    )


# (user, today) -> [(duty, period, due date)]: the active duties with the instance last due before today
# (app/services/duties.py registers it: the duty calendar is a service above the workflow kernel)
LATE_DUTIES: list[Callable[[Any, date], list[tuple[Duty, str, date]]]] = []


def duties_late(user: Any, today: date) -> list[tuple[Duty, str, date]]:
    return [found for source in LATE_DUTIES for found in source(user, today)]


def units_without(user: Any, duty: Duty, period: str, *columns: Any) -> Any:
    """The active units of the duty's tier in the user's territory that have not done it for the period."""
    path = territory_path(user) or ""
    done = select(DutyDone.id).where(
        DutyDone.duty_id == duty.id, DutyDone.org_id == OrgUnit.id, DutyDone.period == period
    )
    return select(*columns).where(
        OrgUnit.level == duty.tier,
        OrgUnit.active.is_(True),
        or_(OrgUnit.path == path, OrgUnit.path.like(path + "/%")),
        ~exists(done),
    )


def overdue_items(
    user: Any, today: date, ledger_name: str | None = None, step_name: str | None = None, unit: Any = None
) -> list[OverdueItem]:
    """The overdue records, optionally only of one kind, step and unit (the drill-down of one count)."""
    from flask import url_for

    session = ledger.session()
    items = []
    units = unit_index(user)
    for name, spec in registry.LEDGERS.items():
        if ledger_name not in (None, name):
            continue
        model, workflow = spec.model, spec.workflow
        view = registry.VIEWS[name].__name__
        within = [model.org_id.in_(subtree_ids(unit.path))] if unit is not None else []
        if workflow is not None:
            query = late(select(Deadline, model), name, model, today).where(*within).order_by(Deadline.due_on)
            if step_name is not None:
                query = query.where(Deadline.step == step_name)
            for deadline, row in session.execute(scope_query(query, model, user)):
                step = workflow.transition(deadline.step)
                label = step.label if step is not None else deadline.step
                url = url_for(f"{view}.show", pk=row.id)
                items.append(
                    OverdueItem(
                        units(row.org),
                        name,
                        workflow.label,
                        deadline.step,
                        label,
                        row_title(row),
                        row.org.name,
                        deadline.due_on,
                        url,
                    )
                )
        for due in spec.due_dates:
            if step_name not in (None, due.column):
                continue
            query = past_due(select(model), model, due, today).where(*within)
            query = query.order_by(getattr(model, due.column), model.id)
            for row in session.execute(scope_query(query, model, user)).scalars().unique():
                url = url_for(f"{view}.show", pk=row.id)
                items.append(
                    OverdueItem(
                        units(row.org),
                        name,
                        model.__ledger_label__,
                        due.column,
                        due.label,
                        row_title(row),
                        row.org.name,
                        getattr(row, due.column),
                        url,
                    )
                )
    if ledger_name in (None, DUTY):
        for duty, period, on in duties_late(user, today):
            if step_name not in (None, str(duty.id)):
                continue
            query = units_without(user, duty, period, OrgUnit).order_by(OrgUnit.path)
            if unit is not None:
                query = query.where(OrgUnit.id.in_(subtree_ids(unit.path)))
            for org in session.execute(query).scalars():
                items.append(
                    OverdueItem(
                        units(org),
                        DUTY,
                        _l("Recurring duties"),
                        str(duty.id),
                        duty.name,
                        f"{duty.name}（{period}）",
                        org.name,
                        on,
                        None,
                    )
                )
    return items


@dataclass(frozen=True)
class BoardRow:
    unit: OrgUnit
    kind: str
    kind_label: str
    step: str
    step_label: str
    count: int


def overdue_counts(user: Any, today: date) -> list[BoardRow]:
    """The board: overdue workflow deadlines, rows past their due dates and undone duties counted by SQL per
    kind, step and record org (one UNION ALL statement), then added up by the unit one level below the
    viewer."""
    parts, labels = [], {}
    for name, spec in registry.LEDGERS.items():
        model, workflow = spec.model, spec.workflow
        if workflow is not None:
            query = late(
                select(Deadline.ledger, Deadline.step, model.org_id, func.count()), name, model, today
            )
            query = query.group_by(Deadline.ledger, Deadline.step, model.org_id)
            parts.append(scope_query(query, model, user))
            for step in workflow.transitions:
                labels[name, step.name] = (workflow.label, step.label)
        for due in spec.due_dates:
            columns = (literal(name), literal(due.column), model.org_id, func.count())
            query = past_due(select(*columns), model, due, today).group_by(model.org_id)
            parts.append(scope_query(query, model, user))
            labels[name, due.column] = (model.__ledger_label__, due.label)
    for duty, period, _on in duties_late(user, today):
        parts.append(
            units_without(user, duty, period, literal(DUTY), literal(str(duty.id)), OrgUnit.id, literal(1))
        )
        labels[DUTY, str(duty.id)] = (_l("Recurring duties"), duty.name)
    if not parts:
        return []
    session = ledger.session()
    orgs = {org.id: org for org in session.execute(select(OrgUnit)).scalars()}
    units = unit_index(user, orgs.values())
    tally: dict[tuple[int, str, str], int] = {}
    for name, step_name, org_id, n in session.execute(union_all(*parts)):
        key = (units(orgs[org_id]).id, name, step_name)
        tally[key] = tally.get(key, 0) + n
    shown = {key: (str(kind), str(step)) for key, (kind, step) in labels.items()}  # translated once each
    rows = [
        BoardRow(
            orgs[unit_id],
            name,
            *shown.get((name, step), (name, step))[:1],
            step,
            shown.get((name, step), (name, step))[1],
            n,
        )
        for (unit_id, name, step), n in tally.items()
    ]
    return sorted(rows, key=lambda r: (r.unit.path, r.kind_label, r.step_label))


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
        key = (item.unit.id, item.kind, item.step)
        tally.setdefault(key, [item.unit, item.kind_label, item.step_label, 0])[3] += 1
    return sorted((tuple(v) for v in tally.values()), key=lambda r: (r[0].path, str(r[1]), str(r[2])))


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
            [[u.name, str(kind), str(step), n] for u, kind, step, n in counts(items)],
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
                    i.org_name,
                    str(i.kind_label),
                    i.title,
                    str(i.step_label),
                    i.due_on,
                    i.days_late(today),
                ]
                for i in items
            ],
        ),
    ):
        sheet = book.add_worksheet(sheet_name)
        sheet.write(0, 0, title, bold)
        sheet.write(1, 0, _("Reporting unit: %(unit)s", unit=unit_name))
        sheet.write(
            2, 0, _("Exported at: %(time)s    Exported by: %(user)s", time=beijing(utcnow()), user=username)
        )
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
