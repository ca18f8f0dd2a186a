"""The home page's figures: every count of the user's territory in one statement (a UNION ALL of scoped
GROUP BY aggregates over indexed columns; no row is loaded), tallied by the unit one level below the user's
(towns for the district, communities for a town, the community itself at the bottom).

Metrics (the `metric` column of the statement):
- persons      劳动力 kept, by org and employment status (`ix_person_org_status`)
- registered   求职登记 of this year, by org and month (`ix_job_seeker_matching` starts with the date)
- visited      用人单位走访 done this month, by org
- followup     跟踪回访 due this month and not yet done, by org (`ix_followup_due`)
- overdue      what 超期督办 counts, by org and kind: open workflow deadlines past their date, rows past a
               due date of their ledger (follow-ups, post-loan reports) and duties a unit has not done
- queue        records waiting in a state where the user's role may take a step, by org and ledger
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import String, cast, extract, func, literal, select, union_all

from app import ledger
from app.ledger import registry
from app.security.scope import org_units_in_territory, scope_query, territory_path
from app.workflow.inbox import steps_for
from app.workflow.overdue import DUTY, duties_late, late, past_due, units_without
from models.followup import FollowUp
from models.job_seeker import JobSeeker
from models.org import OrgUnit
from models.person import Person
from models.visit import EmployerVisit
from models.workflow import Deadline


def month_range(today: date, month: int | None = None) -> tuple[date, date]:
    """The first day of `month` (this month when None) of today's year and the first day of the next."""
    first = today.replace(month=month or today.month, day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following


@dataclass
class Tally:
    """Counts of one metric: by unit (one level below the user) and by key (status, month, ledger)."""

    by_unit: dict[int, int] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    by_unit_key: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_unit.values())

    def add(self, unit: int, key: str, n: int) -> None:
        self.by_unit[unit] = self.by_unit.get(unit, 0) + n
        self.by_key[key] = self.by_key.get(key, 0) + n
        self.by_unit_key[unit, key] = self.by_unit_key.get((unit, key), 0) + n


METRICS = ("persons", "registered", "visited", "followup", "overdue", "queue")


def _part(metric: str, model: Any, key: Any, user: Any, *where: Any) -> Any:
    query = select(literal(metric, String).label("metric"), model.org_id, cast(key, String(40)), func.count())
    query = query.select_from(model).where(model.voided_at.is_(None), *where)
    return scope_query(query, model, user).group_by(model.org_id, key)


def _workflow_parts(user: Any, today: date) -> list[Any]:
    parts = []
    for name, spec in registry.LEDGERS.items():
        workflow, model = spec.workflow, spec.model
        for due in spec.due_dates:
            query = select(literal("overdue", String), model.org_id, literal(name, String), func.count())
            parts.append(scope_query(past_due(query, model, due, today).group_by(model.org_id), model, user))
        if workflow is None:
            continue
        query = select(
            literal("overdue", String), model.org_id, cast(Deadline.ledger, String(40)), func.count()
        )
        query = late(query.select_from(Deadline), name, model, today).group_by(model.org_id, Deadline.ledger)
        parts.append(scope_query(query, model, user))
        states = list(steps_for(workflow, user))
        if states:
            parts.append(_part("queue", model, literal(name, String), user, model.state.in_(states)))
    return parts


def statement(user: Any, today: date) -> Any:
    """The one UNION ALL of every metric's scoped aggregate."""
    year_start, month_start = today.replace(month=1, day=1), month_range(today)[0]
    next_year, month_end = year_start.replace(year=today.year + 1), month_range(today)[1]
    month = extract("month", JobSeeker.registered_on)
    return union_all(
        _part("persons", Person, Person.employment_status, user),
        _part(
            "registered",
            JobSeeker,
            month,
            user,
            JobSeeker.registered_on >= year_start,
            JobSeeker.registered_on < next_year,
        ),
        _part(
            "visited",
            EmployerVisit,
            literal("", String),
            user,
            EmployerVisit.actual_on >= month_start,
            EmployerVisit.actual_on < month_end,
        ),
        _part(
            "followup",
            FollowUp,
            literal("", String),
            user,
            FollowUp.done_on.is_(None),
            FollowUp.due_on >= month_start,
            FollowUp.due_on < month_end,
        ),
        *_workflow_parts(user, today),
        *(
            units_without(
                user, duty, period, literal("overdue", String), OrgUnit.id, literal(DUTY), literal(1)
            )
            for duty, period, _on in duties_late(user, today)
        ),
    )


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    level: str
    path: str


def territory_units(user: Any) -> list[Unit]:
    """The org units of the user's territory in tree order (one small query: ~570 rows for the district)."""
    query = select(OrgUnit.id, OrgUnit.name, OrgUnit.level, OrgUnit.path).where(org_units_in_territory(user))
    return [Unit(*row) for row in ledger.session().execute(query.order_by(OrgUnit.path))]


def tallies(user: Any, today: date, units: list[Unit]) -> tuple[list[Unit], dict[str, Tally]]:
    """(the units one level below the user's, in tree order; the metrics tallied by those units)."""
    base = territory_path(user) or ""
    depth = len(base.split("/")) if base else 0
    by_path = {unit.path: unit for unit in units}
    top = {unit.id: by_path.get("/".join(unit.path.split("/")[: depth + 1]), unit) for unit in units}
    below = [unit for unit in units if len(unit.path.split("/")) == depth + 1] or [
        u for u in units if u.path == base
    ]
    found = {metric: Tally() for metric in METRICS}
    for metric, org_id, key, n in ledger.session().execute(statement(user, today)):
        unit = top.get(org_id)
        if unit is not None:
            found[metric].add(unit.id, str(key or ""), n)
    return below, found
