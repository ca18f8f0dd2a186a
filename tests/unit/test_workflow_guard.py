"""The workflow guard's rules (app/workflow/engine.py) on a small workflow of their own: who may fire a step
(territory first, then the state, the role, the tier), what its inputs must be, why its preconditions
refuse it, and which deadlines open on entering a state."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask

from app.security.scope import acting_as
from app.workflow import commands, engine
from app.workflow.definition import Input, State, Transition, Workflow

REPORT = Transition(
    "report", "上报", ("draft",), "reported", frozenset({"社区专干"}), frozenset({"community"}), limit="3日"
)
APPROVE = Transition(
    "approve",
    "审批",
    ("reported",),
    "approved",
    frozenset({"区审核", "区经办"}),
    frozenset({"district", "town"}),
    limit="2个工作日",
    counted_from="report",
    requires=("paid",),
    needs_materials=True,
    inputs=(
        Input("day", "日期", kind="date"),
        Input("count", "人数", kind="number", required=False, minimum=1),
        Input("note", "备注", kind="comment", required=False),
    ),
)
NOTE = Transition("note", "备注", ("reported",), None, frozenset({"区审核"}))
FLOW = Workflow(
    "test",
    "测试",
    (State("draft", "草稿"), State("reported", "已上报"), State("approved", "已批准", final=True)),
    "draft",
    (REPORT, APPROVE, NOTE),
)
REVIEWER = engine.Actor(roles=frozenset({"区审核"}), tier="district", in_territory=True)


def why(transition: Transition, state: str, actor: engine.Actor) -> str | None:
    found = engine.refusal(FLOW, transition, state, actor)
    return None if found is None else str(found)


def test_guard__allowed_with_role_tier_state_and_territory(app: Flask) -> None:
    assert why(APPROVE, "reported", REVIEWER) is None
    assert [t.name for t in engine.allowed(FLOW, "reported", REVIEWER)] == ["approve", "note"]
    assert engine.allowed(FLOW, "approved", REVIEWER) == []


def test_guard__outside_the_territory_refused_before_anything_else(app: Flask) -> None:
    outsider = engine.Actor(roles=frozenset({"社区专干"}), tier="community", in_territory=False)
    assert why(APPROVE, "draft", outsider) == str(engine.refusal(FLOW, REPORT, "draft", outsider))
    assert why(REPORT, "draft", outsider) == "该记录不在您的管辖范围内"


def test_guard__wrong_state_names_the_step_and_the_state(app: Flask) -> None:
    assert why(APPROVE, "draft", REVIEWER) == "记录当前为“草稿”，不能办理“审批”"


def test_guard__without_the_role_names_the_roles_that_may(app: Flask) -> None:
    clerk = engine.Actor(roles=frozenset({"社区专干"}), tier="district", in_territory=True)
    message = why(APPROVE, "reported", clerk)
    assert message is not None and "区审核、区经办" in message and "审批" in message


def test_guard__wrong_tier_names_the_tiers_in_order(app: Flask) -> None:
    community_reviewer = engine.Actor(roles=frozenset({"区审核"}), tier="community", in_territory=True)
    message = why(APPROVE, "reported", community_reviewer)
    assert message == str(engine.tier_refusal("审批", frozenset({"town", "district"})))
    assert message == "“审批”须由区、街（镇）一级办理"
    assert why(APPROVE, "reported", engine.Actor(REVIEWER.roles, None, True)) == message


def test_guard__the_system_needs_only_the_state(app: Flask) -> None:
    assert why(APPROVE, "reported", engine.SYSTEM) is None
    message = why(APPROVE, "draft", engine.SYSTEM)
    assert message is not None and "草稿" in message


def test_unmet__first_precondition_with_problems_materials_listed(app: Flask) -> None:
    assert engine.unmet(APPROVE, {}) is None
    assert engine.unmet(APPROVE, {"paid": [], "materials": []}) is None
    assert str(engine.unmet(APPROVE, {"paid": ["未缴费", "未签字"]})) == "未缴费；未签字"
    materials = str(engine.unmet(APPROVE, {"paid": [], "materials": ["身份证", "合同"]}))
    assert "身份证、合同" in materials and "审批" in materials
    assert str(engine.unmet(APPROVE, {"paid": ["未缴费"], "materials": ["身份证"]})) == "未缴费"


@pytest.mark.parametrize(
    ("raw", "values", "errors"),
    [
        (
            {"day": " 2026-03-01 ", "count": "2", "note": " ok "},
            {"day": date(2026, 3, 1), "count": 2, "note": "ok"},
            set(),
        ),
        ({"day": date(2026, 3, 1), "count": 1}, {"day": date(2026, 3, 1), "count": 1}, set()),
        ({"day": "  ", "count": ""}, {}, {"day"}),  # required and blank; optional and blank is left out
        ({"day": "2026-02-30", "count": "x"}, {}, {"day", "count"}),
        (
            {"day": "2026-03-01", "count": "0", "note": "x"},
            {"day": date(2026, 3, 1), "note": "x"},
            {"count"},
        ),  # under the minimum
    ],
)
def test_parse_inputs__typed_required_and_minimum(
    app: Flask, raw: dict[str, Any], values: dict[str, Any], errors: set[str]
) -> None:
    parsed, problems = engine.parse_inputs(APPROVE, raw)
    assert parsed == values
    assert set(problems) == errors


def test_parse_inputs__the_chinese_messages(app: Flask) -> None:
    _, problems = engine.parse_inputs(APPROVE, {"day": " ", "count": "0"})
    assert {k: str(v) for k, v in problems.items()} == {"day": "请填写“日期”", "count": "“人数”不能少于1"}
    _, problems = engine.parse_inputs(APPROVE, {"day": "3月1日", "count": "两"})
    assert {k: str(v) for k, v in problems.items()} == {
        "day": "“日期”格式不正确：3月1日",
        "count": "“人数”格式不正确：两",
    }
    materials = engine.unmet(APPROVE, {"materials": ["身份证", "合同"]})
    assert str(materials) == "“审批”须材料齐全，尚缺：身份证、合同"


def test_parse_inputs__messages_name_the_field(app: Flask) -> None:
    _, problems = engine.parse_inputs(APPROVE, {"day": "", "count": "0"})
    assert (
        "日期" in str(problems["day"]) and "人数" in str(problems["count"]) and "1" in str(problems["count"])
    )
    _, problems = engine.parse_inputs(APPROVE, {"day": "soon"})
    assert "日期" in str(problems["day"]) and "soon" in str(problems["day"])


class Days:
    """A calendar that counts every limit as its number of days."""

    def due(self, spec: str, start: date) -> Any:
        days = int(spec[0])
        return SimpleNamespace(date=start.replace(day=start.day + days), confirmed=days == 3)


def test_deadlines__counted_from_the_named_event_or_entering_the_state() -> None:
    entered, reported = date(2026, 3, 10), date(2026, 3, 2)
    (approve,) = engine.limits_on_entering(FLOW, "reported", entered, {"report": reported}, Days())
    assert approve == engine.OpenLimit(APPROVE, reported, date(2026, 3, 4), False)
    (approve,) = engine.limits_on_entering(FLOW, "reported", entered, {}, Days())  # never reported: entering
    assert (approve.started_on, approve.due_on) == (entered, date(2026, 3, 12))
    (report,) = engine.limits_on_entering(FLOW, "draft", entered, {"report": reported}, Days())
    assert report == engine.OpenLimit(REPORT, entered, date(2026, 3, 13), True)
    assert engine.limits_on_entering(FLOW, "approved", entered, {}, Days()) == []


# ---- the guard's view of a user (app/workflow/commands.py) ----------------------------------------------


def test_role_of__roles_and_tier_of_the_user_unit() -> None:
    reviewer = SimpleNamespace(
        roles=[SimpleNamespace(name="区审核"), SimpleNamespace(name="督查")],
        org=SimpleNamespace(level="district"),
    )
    assert commands.role_of(reviewer) == engine.Actor(frozenset({"区审核", "督查"}), "district", True)
    assert commands.role_of(reviewer, in_territory=False).in_territory is False
    assert commands.role_of(SimpleNamespace(roles=None, org=None)) == engine.Actor(frozenset(), None, True)
    assert commands.role_of(None) == engine.Actor(frozenset(), None, True)


def test_actor_for__in_territory_only_for_a_record_of_the_user_subtree() -> None:
    clerk = SimpleNamespace(
        roles=[SimpleNamespace(name="街镇经办")], org=SimpleNamespace(level="town", path="1/2")
    )
    record = SimpleNamespace
    assert commands.actor_for(record(org=SimpleNamespace(path="1/2/3")), clerk).in_territory is True
    assert commands.actor_for(record(org=SimpleNamespace(path="1/23")), clerk).in_territory is False
    assert commands.actor_for(record(org=None), clerk).in_territory is False
    assert commands.actor_for(record(org=SimpleNamespace(path="1/2")), clerk).roles == frozenset({"街镇经办"})
    with acting_as(clerk):  # no user given: the acting one
        assert commands.actor_for(record(org=SimpleNamespace(path="1/2"))).tier == "town"


def test_deadlines__an_untimed_step_before_a_timed_one_opens_only_the_timed_one() -> None:
    untimed_first = Workflow("test2", "测试", FLOW.states, "draft", (REPORT, NOTE, APPROVE))
    (approve,) = engine.limits_on_entering(untimed_first, "reported", date(2026, 3, 10), {}, Days())
    assert approve.step is APPROVE
