"""Firing a transition: one command, one transaction. Guard (territory, state, role, tier, version),
inputs, the state change (with its change-history entry), the 流转记录 event and the deadlines of the
next steps. Records enter their workflow through `start`, called by ledger.create."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import calendar, clock, codes, ledger
from app.audit import ACTION_KEY, COMMENT_KEY
from app.ledger import registry
from app.security.scope import current_actor, in_territory
from app.workflow import engine
from app.workflow.definition import START, Transition, Workflow
from models.base import utcnow
from models.workflow import Deadline, WorkflowEvent

_firing: ContextVar[str | None] = ContextVar("workflow_firing", default=None)


def firing() -> str | None:
    """The step whose inputs are being written to the record (None: a plain edit). Lets a ledger's
    checks keep a column for its step, e.g. a published vacancy's validity for 延期."""
    return _firing.get()


def workflow_of(obj_or_model: Any) -> Workflow | None:
    spec = registry.spec_of(obj_or_model)
    return spec.workflow if spec is not None else None


def actor_for(obj: Any, user: Any = None) -> engine.Actor:
    user = user or current_actor()
    return role_of(user, in_territory=obj.org is not None and in_territory(obj.org, user))


def role_of(user: Any, in_territory: bool = True) -> engine.Actor:
    """The guard's view of a user: roles and tier (and whether the record at hand is theirs)."""
    return engine.Actor(
        roles=frozenset(role.name for role in getattr(user, "roles", []) or []),
        tier=getattr(getattr(user, "org", None), "level", None),
        in_territory=in_territory,
    )


def allowed_transitions(obj: Any, user: Any = None) -> list[Transition]:
    workflow = workflow_of(obj)
    if workflow is None or obj.voided_at is not None:
        return []
    return [t for t in engine.allowed(workflow, obj.state, actor_for(obj, user)) if applies(t, obj)]


@registry.KERNEL.on_create
def start(obj: Any) -> None:
    """A new record (added, not yet flushed) enters its workflow's initial state; the first deadlines open."""
    workflow = workflow_of(obj)
    if workflow is None:
        return
    obj.state = workflow.initial
    ledger.session().flush()
    on = getattr(obj, workflow.start_field or "", None) or clock.today()
    write_event(obj, START, None, workflow.initial, on, None, {})
    open_deadlines(workflow, obj, workflow.initial, on)


def fire(
    obj: Any, name: str, raw_inputs: dict[str, Any], expected_version: Any, system: bool = False
) -> WorkflowEvent:
    """Fire transition `name` on `obj` as the current actor (not committed). Raises LedgerError with a
    Chinese reason when refused. `system=True`: a scheduled job (e.g. expiring vacancies) fires it; only
    the state is checked, and the event names the acting user if any, else "system"."""
    workflow = workflow_of(obj)
    transition = workflow.transition(name) if workflow else None
    if workflow is None or transition is None:
        raise ledger.LedgerError({"": _l("Unknown step: %(name)s", name=name)})
    if obj.voided_at is not None:
        raise ledger.LedgerError({"": _l("A voided record cannot be edited")})
    reason = engine.refusal(workflow, transition, obj.state, engine.SYSTEM if system else actor_for(obj))
    if reason is None:
        reason = engine.unmet(transition, unmet_preconditions(transition, obj))
    if reason is not None:
        raise ledger.LedgerError({"": reason})
    ledger.check_version(obj, expected_version)
    values, errors = engine.parse_inputs(transition, raw_inputs)
    errors.update(check_codes(transition, values))
    if transition.check and not errors:
        errors.update(getattr(obj, transition.check)(values, clock.today()))
    field_values = {
        spec.to_field: values[spec.name]
        for spec in transition.inputs
        if spec.to_field and spec.name in values
    }
    if field_values and not errors:
        token = _firing.set(name)
        try:
            errors.update(ledger.validate_values(type(obj), field_values, existing=obj))
        finally:
            _firing.reset(token)
    if errors:
        raise ledger.LedgerError(errors)
    on = values.get("date") or clock.today()
    comment = values.get("comment")
    from_state = obj.state
    ledger.assign(obj, field_values)
    obj.state = transition.target or from_state
    session = ledger.session()
    session.info[COMMENT_KEY] = f"{transition.label}：{comment}" if comment else str(transition.label)
    session.info[ACTION_KEY] = "transition"
    session.flush()
    event = write_event(obj, name, from_state, obj.state, on, comment, values)
    settle_deadlines(workflow, obj, name, on)
    open_deadlines(workflow, obj, obj.state, on)
    spec = registry.spec_of(obj)
    for hook in (*(spec.after_fire if spec is not None else ()), *registry.KERNEL.fired):
        hook(obj, name, event)
    session.flush()
    return event


def applies(transition: Transition, obj: Any) -> bool:
    """Whether the step is one this record can take at all (Transition.only_for)."""
    spec = registry.spec_of(obj)
    return spec is None or not any(spec.precondition(name)(obj) for name in transition.only_for)


def unmet_preconditions(transition: Transition, obj: Any) -> dict[str, list[Any]]:
    spec = registry.spec(type(obj).__ledger__)
    return {name: spec.precondition(name)(obj) for name in transition.preconditions}


def check_codes(transition: Transition, values: dict[str, Any]) -> dict[str, Any]:
    errors = {}
    for spec in transition.inputs:
        if spec.kind == "code" and spec.name in values:
            code = codes.lookup(spec.code_list or "", values[spec.name])
            if code is None:
                errors[spec.name] = _l("Unknown code: %(value)s", value=values[spec.name])
            else:
                values[spec.name] = code
    return errors


def write_event(
    obj: Any, name: str, from_state: str | None, to_state: str, on: date, comment: Any, values: dict
) -> WorkflowEvent:
    actor = current_actor()
    event = WorkflowEvent(
        ledger=type(obj).__ledger__,
        row_id=obj.id,
        transition=name,
        from_state=from_state,
        to_state=to_state,
        at=utcnow(),
        on_date=on,
        user_id=getattr(actor, "id", None),
        username=getattr(actor, "username", None) or "system",
        user_org_name=getattr(getattr(actor, "org", None), "name", None),
        comment=comment,
        inputs={k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()},
    )
    ledger.session().add(event)
    return event


def row_deadlines(obj: Any, status: str | None = None) -> list[Deadline]:
    query = select(Deadline).where(Deadline.ledger == type(obj).__ledger__, Deadline.row_id == obj.id)
    if status:
        query = query.where(Deadline.status == status)
    return list(ledger.session().execute(query.order_by(Deadline.due_on, Deadline.id)).scalars())


def settle_deadlines(workflow: Workflow, obj: Any, fired: str, on: date) -> None:
    """The fired step's deadline is met; steps no longer possible from the new state are closed."""
    still_possible = {t.name for t in workflow.outgoing(obj.state)}
    for deadline in row_deadlines(obj, "open"):
        if deadline.step == fired:
            deadline.status, deadline.done_on = "met", on
        elif deadline.step not in still_possible:
            deadline.status = "closed"
        deadline.closed_at = utcnow() if deadline.status != "open" else None


def open_deadlines(workflow: Workflow, obj: Any, state: str, entered_on: date) -> None:
    open_steps = {d.step for d in row_deadlines(obj, "open")}
    for limit in engine.limits_on_entering(workflow, state, entered_on, event_dates(obj), calendar.current()):
        if limit.step.name in open_steps or not applies(limit.step, obj):
            continue
        ledger.session().add(
            Deadline(
                ledger=type(obj).__ledger__,
                row_id=obj.id,
                step=limit.step.name,
                limit=limit.step.limit,
                started_on=limit.started_on,
                due_on=limit.due_on,
                calendar_confirmed=limit.confirmed,
                status="open",
            )
        )


@registry.KERNEL.on_update
def reschedule_deadlines(obj: Any, before: dict[str, Any]) -> None:
    """An update moved a date column behind a dated event (a fair's day, a visit's planned date): the open
    deadlines counted from it are counted again from the new date on the working-day calendar."""
    workflow = workflow_of(obj)
    if workflow is None:
        return
    moved = {
        name
        for name in workflow.dated_events
        if name in before and before[name] != getattr(obj, name) and getattr(obj, name) is not None
    }
    if not moved:
        return
    for deadline in row_deadlines(obj, "open"):
        step = workflow.transition(deadline.step)
        if step is None or step.counted_from not in moved:
            continue
        started = getattr(obj, step.counted_from)
        due = calendar.current().due(deadline.limit, started)
        deadline.started_on, deadline.due_on, deadline.calendar_confirmed = started, due.date, due.confirmed


def event_dates(obj: Any) -> dict[str, date]:
    """When each named event last happened on the record (and the dates of its workflow's dated events)."""
    query = (
        select(WorkflowEvent.transition, WorkflowEvent.on_date)
        .where(WorkflowEvent.ledger == type(obj).__ledger__, WorkflowEvent.row_id == obj.id)
        .order_by(WorkflowEvent.id)
    )
    dates = {name: on for name, on in ledger.session().execute(query)}
    workflow = workflow_of(obj)
    for name in workflow.dated_events if workflow else ():
        if getattr(obj, name, None) is not None:
            dates[name] = getattr(obj, name)
    return dates


def events(obj: Any) -> list[WorkflowEvent]:
    query = (
        select(WorkflowEvent)
        .where(WorkflowEvent.ledger == type(obj).__ledger__, WorkflowEvent.row_id == obj.id)
        .order_by(WorkflowEvent.at.desc(), WorkflowEvent.id.desc())
    )
    return list(ledger.session().execute(query).scalars())
