"""The ledger registry refuses specs that do not hold together, at start-up rather than when a step fires."""

from __future__ import annotations

from typing import Any

import pytest

from app.ledger import registry
from app.workflow.definition import State, Transition, Workflow


class Sample:
    __ledger__ = "sample_ledger"


def workflow(**step: Any) -> Workflow:
    return Workflow(
        ledger="sample_ledger",
        label="样例",
        states=(State("open", "办理中"), State("done", "已办结", final=True)),
        initial="open",
        transitions=(Transition("close", "办结", ("open",), "done", frozenset({"街镇经办"}), **step),),
    )


@pytest.mark.parametrize(
    ("step", "unresolved"),
    [
        ({"requires": ("notice_clossed",)}, ["sample_ledger.close: notice_clossed"]),
        ({"only_for": ("town_case",)}, ["sample_ledger.close: town_case"]),
        ({"requires": ("own_rule",)}, []),
        ({"needs_materials": True}, []),
    ],
)
def test_unresolved__names_each_step_whose_precondition_resolves_nowhere(
    monkeypatch: pytest.MonkeyPatch, step: dict[str, Any], unresolved: list[str]
) -> None:
    monkeypatch.setattr(registry, "KERNEL", registry.KernelHooks(preconditions={"materials": lambda row: []}))
    spec = registry.Ledger(Sample, workflow=workflow(**step), preconditions={"own_rule": lambda row: []})
    assert spec.unresolved() == unresolved


def test_verify__stops_start_up_naming_the_ledger_and_the_kernel_checks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kernel = registry.KernelHooks()
    kernel.verifier(lambda: ["follow-up rule FU-99: sample_ledger has no condition 'x'"])
    monkeypatch.setattr(registry, "KERNEL", kernel)
    monkeypatch.setattr(
        registry, "LEDGERS", {"sample_ledger": registry.Ledger(Sample, workflow=workflow(requires=("nope",)))}
    )
    with pytest.raises(registry.RegistryError) as refused:
        registry.verify()
    assert "sample_ledger.close: nope" in str(refused.value) and "FU-99" in str(refused.value)


def test_register__refuses_a_second_model_under_one_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "LEDGERS", {})
    registry.register(registry.Ledger(Sample))

    class Other:
        __ledger__ = "sample_ledger"

    with pytest.raises(registry.RegistryError, match="declared twice"):
        registry.register(registry.Ledger(Other))
    with pytest.raises(registry.RegistryError, match="not a ledger model"):
        registry.Ledger(object)


def test_workflow_bound_to_another_ledger__is_refused() -> None:
    class Elsewhere:
        __ledger__ = "elsewhere"

    assert registry.Ledger(Elsewhere, workflow=workflow()).unresolved() == [
        "workflow of sample_ledger bound to ledger elsewhere"
    ]
