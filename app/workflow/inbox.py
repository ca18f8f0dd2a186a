"""我的待办: what is waiting on a user, from every source, by group (a workflow ledger, 跟踪回访, 日历性职责,
...), sorted by deadline. Sources register a provider (user, today) → items: the workflow steps the user's role
may fire on records of their territory (here), due follow-ups and due recurring duties (their own modules).

Every provider registers a counter (`@counts(provider)`): its groups with how many items each holds and how
many of them are overdue, as numbers or as scalar SQL subqueries; the page's group tabs and the navbar badge
add the subqueries of every source up in one statement instead of loading the items. The page shows one
group at a time, paged: the provider asks for at most `limit()` items (SQL LIMIT). The filters of the page
(`criteria()`: overdue only, a unit's subtree, one group) narrow both the items and the counts."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import lazyload

from app import ledger
from app.ledger import registry
from app.security.scope import scope_query, subtree_ids
from app.workflow import engine
from app.workflow.commands import applies, role_of
from models.workflow import Deadline

LIMIT = 500  # items a provider returns when asked for all of them
PAGE_SIZE = 50  # items on one page of 我的待办

# (user, today) -> [(group key, label, count, overdue count)], each count an int or a scalar SQL subquery
Counter = Callable[[Any, date], list[tuple[str, Any, Any, Any]]]
COUNTERS: dict[Any, Counter] = {}


@dataclass(frozen=True)
class Criteria:
    """The page's filters: only overdue items, only records of a unit's subtree, only one group."""

    overdue: bool = False
    org: Any = None  # an OrgUnit
    kind: str | None = None  # a group key

    def wants(self, key: str) -> bool:
        return self.kind in (None, key)

    def narrow(self, query: Any, model: Any, due: Any = None, today: date | None = None) -> Any:
        """`query` over `model` restricted to the unit's subtree and, for overdue only, to `due` < today
        (when given: a workflow ledger's counter says itself which records are late)."""
        if self.org is not None:
            query = query.where(model.org_id.in_(subtree_ids(self.org.path)))
        return query.where(due < today) if self.overdue and due is not None else query


_limit: contextvars.ContextVar[int] = contextvars.ContextVar("inbox_limit", default=LIMIT)
NO_FILTER = Criteria()
_criteria: contextvars.ContextVar[Criteria | None] = contextvars.ContextVar("inbox_criteria", default=None)


def counts(source: Any) -> Callable[[Counter], Counter]:
    """Register the counter of a provider: the tabs and the badge ask it instead of counting the items."""

    def register(counter: Counter) -> Counter:
        COUNTERS[source] = counter
        return counter

    return register


def limit() -> int:
    """How many items a provider returns at most (the page being shown needs no more)."""
    return _limit.get()


def criteria() -> Criteria:
    """The filters the providers and counters apply (none outside the 我的待办 page)."""
    return _criteria.get() or NO_FILTER


@contextmanager
def limited(n: int, wanted: Criteria | None = None) -> Iterator[None]:
    token = _limit.set(n)
    filters = _criteria.set(wanted or Criteria())
    try:
        yield
    finally:
        _criteria.reset(filters)
        _limit.reset(token)


@dataclass(frozen=True)
class InboxItem:
    kind: str  # workflow | followup | duty
    title: str  # what is to be done
    subject: str  # on what (a person's name, a duty)
    org_name: str
    due_on: date | None
    url: str
    calendar_confirmed: bool = True

    def overdue(self, today: date) -> bool:
        return self.due_on is not None and today > self.due_on


@dataclass(frozen=True)
class Group:
    """One tab of 我的待办: a workflow ledger's steps, 跟踪回访, 日历性职责, ..."""

    key: str
    label: str
    count: int
    overdue: int


def sources() -> list[registry.Provider]:
    """The kernel's providers (workflow steps, follow-ups, duties) and those of every ledger's spec."""
    return [*registry.KERNEL.inbox, *(source for spec in registry.LEDGERS.values() for source in spec.inbox)]


def inbox(user: Any, today: date, wanted: Criteria | None = None) -> list[InboxItem]:
    """Every item (up to LIMIT per source) by deadline."""
    with limited(LIMIT, wanted):
        items = [item for source in sources() for item in source(user, today)]
    return sorted(items, key=lambda i: (i.due_on is None, i.due_on or date.max, i.title))


def page(user: Any, today: date, wanted: Criteria, number: int) -> list[InboxItem]:
    """The `number`-th page (from 0) of the items `wanted` (one group's, in practice) by deadline: each
    source gives at most the items up to the end of that page, in its own order (SQL ORDER BY ... LIMIT)."""
    with limited((number + 1) * PAGE_SIZE, wanted):
        items = [item for source in sources() for item in source(user, today)]
    items.sort(key=lambda i: (i.due_on is None, i.due_on or date.max, i.title))
    return items[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]


def groups(user: Any, today: date, wanted: Criteria | None = None) -> list[Group]:
    """The user's groups that hold an item, with their counts (all the counters' SQL subqueries in one
    statement), the most overdue first. `wanted.kind` is ignored: every tab is counted."""
    found: list[tuple[str, Any, Any, Any]] = []
    with limited(LIMIT, Criteria(wanted.overdue, wanted.org) if wanted else None):
        for source in sources():
            found += COUNTERS[source](user, today)
    subqueries = [n for row in found for n in row[2:] if not isinstance(n, int)]
    values = iter(ledger.session().execute(select(*subqueries)).one() if subqueries else ())
    out = []
    for key, label, *numbers in found:
        count, overdue = (n if isinstance(n, int) else int(next(values)) for n in numbers)
        if count:
            out.append(Group(key, str(label), count, overdue))
    return sorted(out, key=lambda g: (-g.overdue, -g.count, g.label))


def count(user: Any, today: date) -> int:
    """How many to-dos the user has (the navbar badge): one statement."""
    return sum(group.count for group in groups(user, today))


def unregistered() -> list[str]:
    """Every provider has a counter: the tabs and the badge count without listing."""
    return [
        f"inbox provider {getattr(source, '__qualname__', source)} has no counter (@inbox.counts)"
        for source in sources()
        if source not in COUNTERS
    ]


registry.KERNEL.verifier(unregistered)


def steps_for(workflow: Any, user: Any) -> dict[str, list[Any]]:
    """state → the steps this user's role and tier may fire from it (territory is the query's job)."""
    probe = role_of(user)
    by_state: dict[str, list[Any]] = {}
    for state in workflow.states:
        steps = [step for step in engine.allowed(workflow, state.name, probe) if step.waits]
        if steps:
            by_state[state.name] = steps
    return by_state


def waiting(user: Any) -> Iterator[tuple[str, Any, dict[str, list[Any]]]]:
    """(ledger name, spec, state → steps) of the workflow ledgers with steps waiting on the user's role."""
    for name, spec in registry.LEDGERS.items():
        if spec.workflow is not None:
            by_state = steps_for(spec.workflow, user)
            if by_state:
                yield name, spec, by_state


def open_deadlines(name: str, by_state: dict[str, list[Any]]) -> Any:
    """The open deadlines of the ledger's steps in `by_state`."""
    names = {step.name for steps in by_state.values() for step in steps}
    return (Deadline.ledger == name, Deadline.status == "open", Deadline.step.in_(names))


@registry.KERNEL.provider
def workflow_items(user: Any, today: date) -> list[InboxItem]:
    from flask import url_for

    wanted = criteria()
    items: list[InboxItem] = []
    for name, spec, by_state in waiting(user):
        if not wanted.wants(name):
            continue
        workflow, model = spec.workflow, spec.model
        assert workflow is not None  # waiting() yields workflow ledgers only
        due = (
            select(
                Deadline.row_id,
                func.min(Deadline.due_on).label("due_on"),
                func.min(Deadline.calendar_confirmed.cast(type_=Deadline.id.type)).label("confirmed"),
            )
            .where(*open_deadlines(name, by_state))
            .group_by(Deadline.row_id)
            .subquery()
        )
        query = (
            select(model, due.c.due_on, due.c.confirmed)
            .outerjoin(due, due.c.row_id == model.id)
            .where(model.state.in_(by_state), model.voided_at.is_(None))
            .order_by(due.c.due_on.is_(None), due.c.due_on, model.id)
            .limit(limit())
        )
        query = wanted.narrow(query, model, due.c.due_on, today)
        for row, due_on, confirmed in ledger.session().execute(scope_query(query, model, user)):
            applicable = [step for step in by_state[row.state] if applies(step, row)]
            if not applicable:  # e.g. a step of another loan type (Transition.only_for)
                continue
            steps = "、".join(str(step.label) for step in applicable)
            items.append(
                InboxItem(
                    kind="workflow",
                    title=f"{workflow.label}：{steps}",
                    subject=row_title(row),
                    org_name=row.org.name,
                    due_on=due_on,
                    url=url_for(f"{registry.VIEWS[name].__name__}.show", pk=row.id),
                    calendar_confirmed=confirmed != 0,
                )
            )
    return items


def row_title(row: Any) -> str:
    title = getattr(row, "ledger_title", None)
    return str(title() if callable(title) else f"#{row.id}")


@counts(workflow_items)
def workflow_count(user: Any, today: date) -> list[tuple[str, Any, Any, Any]]:
    """Per workflow ledger, the records in a state where the user may fire a step, and those of them with
    an open deadline of such a step past its date: counted in SQL (scalar subqueries), except in states
    whose every step is only for some records (Transition.only_for, a precondition in Python): those rows
    are read and asked."""
    wanted = criteria()
    found = []
    for name, spec, by_state in waiting(user):
        model, workflow = spec.model, spec.workflow
        assert workflow is not None  # waiting() yields workflow ledgers only
        late = exists().where(
            *open_deadlines(name, by_state), Deadline.row_id == model.id, Deadline.due_on < today
        )
        total = late_ones = 0  # rows of states whose steps are only for some records, read and asked
        rest = [state for state, steps in by_state.items() if all(step.only_for for step in steps)]
        if rest:
            query = select(model, late).where(model.state.in_(rest), model.voided_at.is_(None))
            query = scope_query(wanted.narrow(query.options(lazyload("*")), model), model, user)
            for row, is_late in ledger.session().execute(query):
                if (is_late or not wanted.overdue) and any(
                    applies(step, row) for step in by_state[row.state]
                ):
                    total, late_ones = total + 1, late_ones + bool(is_late)
        plain = [state for state in by_state if state not in rest]
        if not plain:
            found.append((name, workflow.label, total, late_ones))
            continue
        query = (
            select(func.count()).select_from(model).where(model.state.in_(plain), model.voided_at.is_(None))
        )
        query = scope_query(wanted.narrow(query, model), model, user)
        query = query.where(late) if wanted.overdue else query
        found.append(
            (
                name,
                workflow.label,
                query.scalar_subquery() + total,
                query.where(late).scalar_subquery() + late_ones,
            )
        )
    return found
