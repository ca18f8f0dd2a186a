"""The workflow rules as pure functions: may this actor fire this transition now, are its inputs complete,
and which deadlines open when a record enters a state. No Flask, no database: the command layer
(app/workflow/commands.py) feeds them and writes the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Transition, Workflow

TIER_LABELS = {"community": _l("community"), "town": _l("street/town"), "district": _l("district")}


class Calendar(Protocol):
    def due(self, spec: str, start: date) -> Any: ...


@dataclass(frozen=True)
class Actor:
    """What the guard needs to know about the person firing a transition."""

    roles: frozenset[str]
    tier: str | None
    in_territory: bool
    system: bool = False  # the system itself (a scheduled job): only the state is checked


SYSTEM = Actor(roles=frozenset(), tier=None, in_territory=True, system=True)


@dataclass(frozen=True)
class OpenLimit:
    step: Transition
    started_on: date
    due_on: date
    confirmed: bool


def refusal(workflow: Workflow, transition: Transition, state: str, actor: Actor) -> Any:
    """Why the actor may not fire the transition on a record in `state` (a message), or None."""
    if actor.system:
        return None if state in transition.source else _state_refusal(workflow, transition, state)
    if not actor.in_territory:
        return _l("This record is outside your territory")
    if state not in transition.source:
        return _state_refusal(workflow, transition, state)
    if not actor.roles & transition.roles:
        return _l(
            "“%(action)s” is done by %(roles)s",
            action=transition.label,
            roles="、".join(sorted(transition.roles)),
        )
    if actor.tier not in transition.tiers:
        return tier_refusal(transition.label, transition.tiers)
    return None


def tier_refusal(action: Any, tiers: frozenset[str]) -> Any:
    """“… is done at the district level”: the message for an action (a step, a bulk action) of other tiers."""
    return _l(
        "“%(action)s” is done at the %(tiers)s level",
        action=action,
        tiers="、".join(str(TIER_LABELS[t]) for t in sorted(tiers)),
    )


def unmet(transition: Transition, problems: dict[str, list[Any]]) -> Any:
    """Why the transition's preconditions refuse it (a message), or None. `problems` maps each precondition
    name to what is still missing: for "materials" the missing checklist items, for any other the reasons."""
    for name in transition.preconditions:
        found = problems.get(name) or []
        if not found:
            continue
        if name == "materials":
            return _l(
                "“%(action)s” needs complete materials; still missing: %(items)s",
                action=transition.label,
                items="、".join(str(item) for item in found),
            )
        return "；".join(str(reason) for reason in found)
    return None


def _state_refusal(workflow: Workflow, transition: Transition, state: str) -> Any:
    return _l(
        "“%(action)s” cannot be done while the record is “%(state)s”",
        action=transition.label,
        state=workflow.state_label(state),
    )


def allowed(workflow: Workflow, state: str, actor: Actor) -> list[Transition]:
    return [t for t in workflow.outgoing(state) if refusal(workflow, t, state, actor) is None]


def parse_inputs(transition: Transition, raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Typed input values and the errors (input name → message); code inputs are checked by the caller."""
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for spec in transition.inputs:
        value: Any = raw.get(spec.name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            if spec.required:
                errors[spec.name] = _l("Please fill in “%(field)s”", field=spec.label)
            continue
        try:
            if spec.kind == "date" and not isinstance(value, date):
                value = date.fromisoformat(str(value))
            elif spec.kind == "number":
                value = int(value)
        except ValueError:
            errors[spec.name] = _l("“%(field)s” is not valid: %(value)s", field=spec.label, value=value)
            continue
        if spec.minimum is not None and value < spec.minimum:
            errors[spec.name] = _l(
                "“%(field)s” must be at least %(minimum)d", field=spec.label, minimum=spec.minimum
            )
            continue
        values[spec.name] = value
    return values, errors


def limits_on_entering(
    workflow: Workflow, state: str, entered_on: date, event_dates: dict[str, date], calendar: Calendar
) -> list[OpenLimit]:
    """The deadlines that open when a record enters `state`: one per outgoing step with a time limit,
    counted from its named event (the last time that event happened) or from entering the state."""
    limits = []
    for step in workflow.outgoing(state):
        if not step.limit:
            continue
        started = event_dates.get(step.counted_from, entered_on) if step.counted_from else entered_on
        due = calendar.due(step.limit, started)
        limits.append(OpenLimit(step, started, due.date, due.confirmed))
    return limits
