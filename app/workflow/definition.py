"""How a workflow is declared: states with Chinese labels, transitions with who may fire them, what they
ask for, and each step's time limit. Plain data: no Flask, no database.

A time limit is a spec understood by `app.calendar.due` ("3日", "2个工作日", "每月25日", "次季度首月5日前"),
counted from a named event: the last time a given transition fired on the record (or "start", the
record's creation, or a date column of the record named in `Workflow.dated_events`, e.g. a fair's day);
by default from entering the state the step leaves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

TIERS = frozenset({"community", "town", "district"})
START = "start"  # the event of creating a record


@dataclass(frozen=True)
class State:
    name: str
    label: Any
    final: bool = False


@dataclass(frozen=True)
class Input:
    """Something the person firing a transition must (or may) give.

    kind: text | comment | date | number | code. With `to_field` the value is also written to the record's
    column of that name, through the ledger's validation."""

    name: str
    label: Any
    kind: str = "text"
    required: bool = True
    code_list: str | None = None
    to_field: str | None = None
    minimum: int | None = None


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    source: tuple[str, ...]
    target: str | None  # None: the record stays in the state it is in (a recorded step)
    roles: frozenset[str]
    tiers: frozenset[str] = TIERS
    inputs: tuple[Input, ...] = ()
    limit: str | None = None
    counted_from: str | None = None
    limit_label: Any = None  # how the limit reads in the manual, e.g. "自社区上报之日起3日内"
    waits: bool = True  # False: can be done any time, so it is never a to-do
    needs_materials: bool = (
        False  # the record's materials checklist must be complete (app/services/materials.py)
    )
    requires: tuple[
        str, ...
    ] = ()  # named preconditions (the ledger spec's or the kernel's), e.g. "notice_closed"
    check: str | None = None  # a method of the record: check(inputs, today) -> {field: message}, {} if fine
    # named preconditions saying whether the step applies to a record at all (e.g. only to one loan type):
    # unmet, the step is refused and its deadline never opens on that record
    only_for: tuple[str, ...] = ()

    @property
    def preconditions(self) -> tuple[str, ...]:
        own = (*self.only_for, *self.requires)  # whether the step is for this record before what it lacks
        return (*own, "materials") if self.needs_materials else own

    @property
    def bulk_allowed(self) -> bool:
        """Fired on many records at once only when it asks for nothing but a comment and a date."""
        return all(i.kind in ("comment", "date") or not i.required for i in self.inputs)


@dataclass(frozen=True)
class Workflow:
    """A state machine bound to one ledger (by its registry name)."""

    ledger: str
    label: Any
    states: tuple[State, ...]
    initial: str
    transitions: tuple[Transition, ...]
    source: str = ""  # where the manual describes it, e.g. "SM-10; WF-72, WF-91..94"
    start_field: str | None = (
        None  # the record's date its "start" event happened on (default: the day created)
    )
    dated_events: tuple[str, ...] = ()  # date columns of the record usable as `counted_from` events
    _index: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        states = {s.name for s in self.states}
        names = [t.name for t in self.transitions]
        problems = [f"initial state {self.initial!r} is not a state"] if self.initial not in states else []
        problems += [f"transition {n!r} is declared twice" for n in set(names) if names.count(n) > 1]
        for t in self.transitions:
            ends = (*t.source, t.target) if t.target else t.source
            problems += [f"{t.name}: unknown state {s!r}" for s in ends if s not in states]
            problems += [f"{t.name}: unknown tier {tier!r}" for tier in t.tiers - TIERS]
            if t.counted_from not in (None, START, *names, *self.dated_events):
                problems.append(f"{t.name}: counted from unknown event {t.counted_from!r}")
            if t.counted_from and not t.limit:
                problems.append(f"{t.name}: counted_from without a limit")
        if problems:
            raise ValueError(f"workflow {self.ledger}: " + "; ".join(problems))
        self._index.update({("s", s.name): s for s in self.states})
        self._index.update({("t", t.name): t for t in self.transitions})

    def state(self, name: str) -> State | None:
        return cast("State | None", self._index.get(("s", name)))

    def transition(self, name: str) -> Transition | None:
        return cast("Transition | None", self._index.get(("t", name)))

    def outgoing(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.source]

    def state_label(self, name: str | None) -> str:
        state = self.state(name or "")
        return str(state.label) if state is not None else (name or "")
