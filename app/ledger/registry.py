"""The ledger registry: one `Ledger` spec per ledger, declared once in its domain module (app/domain/).

The spec holds everything the kernel needs to know about a ledger beyond its model's columns: its workflow,
the checks that read other rows, its derived columns, its hooks, the named preconditions of its steps, the
conditions of its follow-up rules, its materials checklist, its policy basis and its inbox items. The write
path, the workflow engine, the materials panel and the importer read the spec, never a view.

Kernel services declare the few cross-cutting pieces here too (the "materials" precondition, the workflow's
deadlines on create and update): `KernelHooks`. This module imports nothing of the application above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l

if TYPE_CHECKING:  # the workflow package builds on the ledger package; a spec only holds its Workflow
    from app.workflow.definition import Workflow

Values = dict[str, Any]
Errors = dict[str, Any]
Check = Callable[[Values, Any], Errors]  # (values, stored row or None) -> errors; may normalise values
Derive = Callable[[Values, Any], Errors]  # (values, stored row or None) -> errors; adds derived values
RowHook = Callable[[Any], None]  # (new row, flushed)
UpdateHook = Callable[[Any, Values], None]  # (row, its values before the update)
FireHook = Callable[[Any, str, Any], None]  # (row, transition name, WorkflowEvent)
Precondition = Callable[[Any], list[Any]]  # row -> what is missing (empty: met)
Condition = Callable[[Any], bool]  # row -> whether a follow-up rule applies

# The manual's chapters a ledger belongs to (a spec's `chapter`), in the order of the 台账 menu: 第一章第一节
# 调查统计, 第二章 公共就业服务 (求职招聘 …), 第一章第三节 政策管理 (补贴、贷款、公益性岗位), 第二章第五节
# 专项就业服务 (就业援助), 第三章第二节 信息平台, and 督查督办 (WF-N1, F43/WF-73).
CHAPTERS: Mapping[str, Any] = MappingProxyType(
    {
        "survey": _l("Surveys and registries"),
        "services": _l("Employment services"),
        "funds": _l("Policies and funds"),
        "assistance": _l("Assistance to groups in difficulty"),
        "platform": _l("Information platforms"),
        "supervision": _l("Supervision and urging"),
    }
)
Provider = Callable[[Any, Any], list[Any]]  # (user, today) -> inbox items


@dataclass(frozen=True)
class DueDate:
    """A deadline kept on the ledger's own rows (not a workflow step's): the indexed date column it is due
    on and the column that, once filled, means it was met. The 超期督办 board counts the rows past it."""

    column: str
    done: str
    label: Any


class RegistryError(RuntimeError):
    """A ledger spec that does not hold together: start-up stops and names it."""


@dataclass(frozen=True)
class Ledger:
    """What the kernel knows of one ledger. `checklist` is a checklist code (seed/checklists.py) or a
    function of the record returning one; `policy_basis` the 政策依据 lines shown on the record's page;
    `locked` the workflow states besides its final ones in which the record changes only by workflow steps
    (e.g. a subsidy once finally reviewed or paid)."""

    model: type[Any]  # a ledger model: the kernel knows its columns by name only
    workflow: Workflow | None = None
    checks: tuple[Check, ...] = ()
    derive: tuple[Derive, ...] = ()
    after_create: tuple[RowHook, ...] = ()
    after_update: tuple[UpdateHook, ...] = ()
    after_fire: tuple[FireHook, ...] = ()
    preconditions: Mapping[str, Precondition] = field(default_factory=dict)
    conditions: Mapping[str, Condition] = field(default_factory=dict)
    checklist: str | Callable[[Any], str | None] | None = None
    policy_basis: tuple[Any, ...] = ()
    inbox: tuple[Provider, ...] = ()
    locked: tuple[str, ...] = ()
    due_dates: tuple[DueDate, ...] = ()
    # kept by a community (or by a town with no community below it): the add form offers only those units
    kept_by_community: bool = False
    chapter: str = ""  # the manual's chapter it belongs to (a key of CHAPTERS): its group in the 台账 menu

    def __post_init__(self) -> None:
        if not getattr(self.model, "__ledger__", None):
            raise RegistryError(f"{self.model!r} is not a ledger model (no __ledger__)")
        object.__setattr__(self, "preconditions", MappingProxyType(dict(self.preconditions)))
        object.__setattr__(self, "conditions", MappingProxyType(dict(self.conditions)))

    @property
    def name(self) -> str:
        return str(self.model.__ledger__)

    @property
    def locked_states(self) -> frozenset[str]:
        """The states that lock the record: its workflow's final states and those the spec names."""
        if self.workflow is None:
            return frozenset()
        return frozenset(self.locked) | {state.name for state in self.workflow.states if state.final}

    def precondition(self, name: str) -> Precondition:
        """A named precondition of this ledger's steps, or one the kernel provides to every ledger."""
        found = self.preconditions.get(name) or KERNEL.preconditions.get(name)
        if found is None:
            raise RegistryError(f"ledger {self.name}: unknown precondition {name!r}")
        return found

    def unresolved(self) -> list[str]:
        """The names its workflow's steps use (requires, only_for, needs_materials) that resolve nowhere."""
        if self.workflow is None:
            return []
        missing = [f"workflow of {self.workflow.ledger} bound to ledger {self.name}"] * (
            self.workflow.ledger != self.name
        )
        missing += [
            f"{self.name}: unknown locked state {name}"
            for name in self.locked
            if not self.workflow.state(name)
        ]
        for transition in self.workflow.transitions:
            for name in transition.preconditions:
                if name not in self.preconditions and name not in KERNEL.preconditions:
                    missing.append(f"{self.name}.{transition.name}: {name}")
        return missing


@dataclass
class KernelHooks:
    """The kernel's own cross-cutting signals (kernel modules register here, never a domain module):
    what happens to every ledger's rows on create, update and transition, and the preconditions every
    ledger's workflow may name (e.g. "materials")."""

    created: list[RowHook] = field(default_factory=list)
    updated: list[UpdateHook] = field(default_factory=list)
    fired: list[FireHook] = field(default_factory=list)
    preconditions: dict[str, Precondition] = field(default_factory=dict)
    inbox: list[Provider] = field(default_factory=list)
    verifiers: list[Callable[[], list[str]]] = field(default_factory=list)  # () -> problems found

    def on_create(self, hook: RowHook) -> RowHook:
        if hook not in self.created:
            self.created.append(hook)
        return hook

    def on_update(self, hook: UpdateHook) -> UpdateHook:
        if hook not in self.updated:
            self.updated.append(hook)
        return hook

    def on_fire(self, hook: FireHook) -> FireHook:
        if hook not in self.fired:
            self.fired.append(hook)
        return hook

    def verifier(self, check: Callable[[], list[str]]) -> Callable[[], list[str]]:
        if check not in self.verifiers:
            self.verifiers.append(check)
        return check

    def provider(self, source: Provider) -> Provider:
        if source not in self.inbox:
            self.inbox.append(source)
        return source


KERNEL = KernelHooks()
LEDGERS: dict[str, Ledger] = {}  # registry name -> spec
VIEWS: dict[str, Any] = {}  # registry name -> the LedgerView subclass showing it (set by LedgerView)


def register(spec: Ledger) -> Ledger:
    """Declare a ledger (at the import of its domain module). Declaring the same ledger twice is refused,
    unless it is the same module imported again."""
    known = LEDGERS.get(spec.name)
    if known is not None and known.model is not spec.model:
        raise RegistryError(f"ledger {spec.name} is declared twice")
    LEDGERS[spec.name] = spec
    return spec


def spec(name: str) -> Ledger:
    return LEDGERS[name]


def spec_of(obj_or_model: Any) -> Ledger | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return LEDGERS.get(getattr(model, "__ledger__", ""))


def ledger_model(name: str) -> Any:
    return LEDGERS[name].model


def models() -> Iterator[type[Any]]:
    return (entry.model for entry in LEDGERS.values())


class FromSpec:
    """A view's attribute that reads its ledger's spec (e.g. `workflow`), so a view never declares it."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, view: Any, owner: type) -> Any:
        entry = spec_of(owner.datamodel.obj) if hasattr(owner, "datamodel") else None
        return getattr(entry, self.name, None)


def verify() -> None:
    """Every name a workflow step uses resolves, and the kernel's own checks of the specs (e.g. follow-up
    rule conditions) pass; run once all domain modules are loaded."""
    missing = [line for entry in LEDGERS.values() for line in entry.unresolved()]
    missing += [
        f"{name}: chapter {entry.chapter!r}"
        for name, entry in LEDGERS.items()
        if entry.chapter not in CHAPTERS
    ]
    missing += [problem for check in KERNEL.verifiers for problem in check()]
    if missing:
        raise RegistryError("ledger specs do not resolve: " + "; ".join(missing))
