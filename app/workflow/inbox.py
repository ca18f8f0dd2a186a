"""我的待办: what is waiting on a user, from every source, sorted by deadline. Sources register a provider
(user, today) → items: the workflow steps the user's role may fire on records of their territory (here),
due follow-ups and due recurring duties (their own modules).

A source may also register a counter (`@counts(provider)`): how many items it has, as a number or as a
scalar SQL subquery; the navbar badge adds the subqueries of every source up in one statement instead of
loading the items. A page of the inbox asks each source for at most `limit()` items (SQL LIMIT)."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from app import ledger
from app.ledger import registry
from app.security.scope import scope_query
from app.workflow import engine
from app.workflow.commands import applies, role_of
from models.workflow import Deadline

LIMIT = 500  # items per source shown; the count badge counts them all
PAGE_SIZE = 50  # items on one page of 我的待办

Counter = Callable[[Any, date], Any]  # (user, today) -> int or a scalar SQL subquery
COUNTERS: dict[Any, Counter] = {}
_limit: contextvars.ContextVar[int] = contextvars.ContextVar("inbox_limit", default=LIMIT)


def counts(source: Any) -> Callable[[Counter], Counter]:
    """Register the counter of a provider: the badge asks it instead of counting the provider's items."""

    def register(counter: Counter) -> Counter:
        COUNTERS[source] = counter
        return counter

    return register


def limit() -> int:
    """How many items a provider returns at most (the page being shown needs no more)."""
    return _limit.get()


@contextmanager
def limited(n: int) -> Iterator[None]:
    token = _limit.set(n)
    try:
        yield
    finally:
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


def sources() -> list[registry.Provider]:
    """The kernel's providers (workflow steps, follow-ups, duties) and those of every ledger's spec."""
    return [*registry.KERNEL.inbox, *(source for spec in registry.LEDGERS.values() for source in spec.inbox)]


def inbox(user: Any, today: date) -> list[InboxItem]:
    items = [item for source in sources() for item in source(user, today)]
    return sorted(items, key=lambda i: (i.due_on is None, i.due_on or date.max, i.title))


def page(user: Any, today: date, number: int) -> list[InboxItem]:
    """The `number`-th page (from 0) of the inbox by deadline: each source gives at most the items up to
    the end of that page, in its own order (SQL ORDER BY ... LIMIT)."""
    with limited((number + 1) * PAGE_SIZE):
        return inbox(user, today)[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]


def count(user: Any, today: date) -> int:
    """How many to-dos the user has: the counters' SQL subqueries in one statement, the sources without a
    counter by their items."""
    total, subqueries = 0, []
    for source in sources():
        counter = COUNTERS.get(source)
        found = counter(user, today) if counter is not None else len(source(user, today))
        if isinstance(found, int):
            total += found
        else:
            subqueries.append(found)
    if subqueries:
        total += sum(ledger.session().execute(select(*subqueries)).one())
    return total


def steps_for(workflow: Any, user: Any) -> dict[str, list[Any]]:
    """state → the steps this user's role and tier may fire from it (territory is the query's job)."""
    probe = role_of(user)
    by_state: dict[str, list[Any]] = {}
    for state in workflow.states:
        steps = [step for step in engine.allowed(workflow, state.name, probe) if step.waits]
        if steps:
            by_state[state.name] = steps
    return by_state


@registry.KERNEL.provider
def workflow_items(user: Any, today: date) -> list[InboxItem]:
    from flask import url_for

    items: list[InboxItem] = []
    for name, spec in registry.LEDGERS.items():
        workflow = spec.workflow
        if workflow is None:
            continue
        by_state = steps_for(workflow, user)
        if not by_state:
            continue
        model = spec.model
        step_names = {step.name for steps in by_state.values() for step in steps}
        due = (
            select(
                Deadline.row_id,
                func.min(Deadline.due_on).label("due_on"),
                func.min(Deadline.calendar_confirmed.cast(type_=Deadline.id.type)).label("confirmed"),
            )
            .where(Deadline.ledger == name, Deadline.status == "open", Deadline.step.in_(step_names))
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
def workflow_count(user: Any, today: date) -> Any:
    """Records in a state where the user may fire a step: counted in SQL (one scalar subquery per ledger),
    except in states whose every step is only for some records (Transition.only_for, a precondition in
    Python): those rows are read and asked."""
    counted: list[Any] = []
    conditional = 0
    for spec in registry.LEDGERS.values():
        if spec.workflow is None:
            continue
        by_state = steps_for(spec.workflow, user)
        model = spec.model
        plain = [state for state, steps in by_state.items() if any(not step.only_for for step in steps)]
        if plain:
            query = (
                select(func.count())
                .select_from(model)
                .where(model.state.in_(plain), model.voided_at.is_(None))
            )
            counted.append(scope_query(query, model, user).scalar_subquery())
        rest = [state for state in by_state if state not in plain]
        if rest:
            query = (
                select(model).where(model.state.in_(rest), model.voided_at.is_(None)).options(lazyload("*"))
            )
            rows = ledger.session().execute(scope_query(query, model, user)).scalars()
            conditional += sum(1 for row in rows if any(applies(step, row) for step in by_state[row.state]))
    if not counted:
        return conditional
    return select(sum(counted[1:], counted[0]) + conditional).scalar_subquery()
