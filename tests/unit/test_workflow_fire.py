"""Firing a step (app/workflow/commands.py) called directly on a seeded record: the guard's refusals in their
order, the inputs, the state change with its history and 流转记录 entry, and the deadlines it settles and opens."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app import db, ledger
from app.ledger import registry
from app.ledger.base import STALE_MESSAGE
from app.security.scope import acting_as
from app.workflow import commands, engine
from app.workflow.definition import START, Input, Transition
from models.audit import AuditLog
from models.job_fair import JobFair
from models.vacancy import Vacancy
from models.workflow import Deadline, WorkflowEvent
from seed.workflows.job_fair import JOB_FAIR
from seed.workflows.loan import LOAN
from tests.conftest import first_community, freeze_today
from tests.factories.employer import make_employer
from tests.factories.job_fair import make_fair
from tests.factories.loan import make_loan
from tests.factories.person import make_person_row
from tests.factories.vacancy import vacancy_values
from tests.ledgers.case import HOME_TOWN


def user(app: Flask, username: str = "qu_jingban") -> Any:
    return app.appbuilder.sm.find_user(username=username)


def fair(**dates: str) -> JobFair:
    """A fair received on 2026-09-21 (a Monday), to be held on 2026-09-30."""
    return make_fair(
        first_community(HOME_TOWN).id, **{"accepted_on": "2026-09-21", "held_on": "2026-09-30", **dates}
    )


def refusal(obj: Any, step: str, inputs: dict[str, Any], version: Any, **kwargs: Any) -> dict[str, str]:
    with pytest.raises(ledger.LedgerError) as refused:
        commands.fire(obj, step, inputs, version, **kwargs)
    return {key: str(value) for key, value in refused.value.errors.items()}


def latest_history(row: Any) -> AuditLog:
    query = select(AuditLog).where(AuditLog.ledger == row.__ledger__, AuditLog.row_id == row.id)
    return db.session.execute(query.order_by(AuditLog.id.desc())).scalars().first()


def deadlines(obj: Any) -> list[tuple[str, str, date, date, date | None]]:
    return [(d.step, d.status, d.started_on, d.due_on, d.done_on) for d in commands.row_deadlines(obj)]


# ---- entering the workflow -------------------------------------------------------------------------


def test_start__the_initial_state_its_event_and_the_first_deadline(app: Flask) -> None:
    row = fair()
    district = user(app)
    assert row.state == "accepted"
    (event,) = commands.events(row)
    assert (event.ledger, event.row_id, event.transition, event.from_state, event.to_state) == (
        "job_fair",
        row.id,
        START,
        None,
        "accepted",
    )
    assert (event.on_date, event.user_id, event.username, event.user_org_name) == (
        date(2026, 9, 21),  # the intake date (start_field), not today
        district.id,
        "qu_jingban",
        district.org.name,
    )
    assert (event.comment, event.inputs) == (None, {})
    assert deadlines(row) == [("publish", "open", date(2026, 9, 21), date(2026, 9, 24), None)]
    (deadline,) = commands.row_deadlines(row)
    assert (deadline.ledger, deadline.row_id, deadline.limit, deadline.closed_at) == (
        "job_fair",
        row.id,
        "3个工作日",
        None,
    )


def test_start__a_ledger_without_workflow_has_no_event_or_deadline(app: Flask) -> None:
    person = make_person_row(app, HOME_TOWN)
    assert commands.workflow_of(person) is None and commands.events(person) == []
    assert commands.row_deadlines(person) == [] and commands.allowed_transitions(person) == []
    assert refusal(person, "publish", {}, person.version) == {"": "未知的办理环节：publish"}


def test_start__without_a_start_field_the_workflow_starts_today(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_today(monkeypatch, date(2026, 9, 22))
    unit = first_community(HOME_TOWN)
    employer = make_employer(unit.id)
    with acting_as(user(app)):
        vacancy = ledger.create(Vacancy, vacancy_values(employer.id, unit.id))  # 岗位: no start field
    (event,) = commands.events(vacancy)
    assert (event.transition, event.on_date, event.to_state) == (START, date(2026, 9, 22), vacancy.state)
    db.session.rollback()


def test_write_event__by_nobody_is_the_system_s_with_its_dates_as_text(app: Flask) -> None:
    row = fair()
    with acting_as(None):
        event = commands.write_event(
            row, "hold", "screened", "held", date(2026, 9, 30), "按期", {"date": date(2026, 9, 30), "n": 2}
        )
    assert (event.username, event.user_id, event.user_org_name) == ("system", None, None)
    assert (event.comment, event.inputs, event.on_date) == (
        "按期",
        {"date": "2026-09-30", "n": 2},
        date(2026, 9, 30),
    )
    assert event in db.session.new and event.at is not None
    db.session.rollback()


# ---- the refusals, in their order ----------------------------------------------------------------


def test_fire__unknown_step_then_voided_then_the_guard_then_the_version(app: Flask) -> None:
    row = fair()
    with acting_as(user(app)):
        assert refusal(row, "fly", {}, row.version) == {"": "未知的办理环节：fly"}
        assert refusal(row, "hold", {"date": "2026-09-30"}, row.version) == {
            "": "记录当前为“已受理”，不能办理“登记洽谈会已举办”"
        }
        assert refusal(row, "publish", {"date": "2026-09-22"}, row.version - 1) == {"": str(STALE_MESSAGE)}
        assert refusal(row, "publish", {"date": "2026-09-22"}, None) == {"": "缺少记录版本号，请刷新后重试"}
    with acting_as(user(app, "renhe_shequ")):  # the guard speaks before the version
        assert refusal(row, "publish", {"date": "2026-09-22"}, row.version - 1) == {
            "": "“发布洽谈会”须由区级经办办理"
        }
    with acting_as(user(app)):
        ledger.void(row, "取消")
        assert refusal(row, "publish", {"date": "2026-09-22"}, row.version) == {"": "已作废的记录不能修改"}
        assert refusal(row, "fly", {}, row.version) == {"": "未知的办理环节：fly"}
    db.session.rollback()
    assert commands.allowed_transitions(row) == []


def test_fire__inputs_checked_before_anything_is_written(app: Flask) -> None:
    row = fair()
    with acting_as(user(app)):
        assert refusal(row, "publish", {"comment": "x"}, row.version) == {"date": "请填写“发布日期”"}
        assert refusal(row, "publish", {"date": "9月22日"}, row.version) == {
            "date": "“发布日期”格式不正确：9月22日"
        }
    db.session.expire_all()
    assert row.state == "accepted" and row.published_on is None and len(commands.events(row)) == 1


def test_fire__the_system_needs_only_the_state(app: Flask) -> None:
    row = fair()
    with acting_as(user(app, "renhe_shequ")):  # not theirs to fire, but the job fires it
        event = commands.fire(row, "publish", {"date": "2026-09-22"}, row.version, system=True)
        assert refusal(row, "publish", {"date": "2026-09-22"}, row.version, system=True) == {
            "": "记录当前为“已发布”，不能办理“发布洽谈会”"
        }
    assert (event.username, row.state) == ("renhe_shequ", "published")
    db.session.rollback()


# ---- what a step writes -------------------------------------------------------------------------


def test_fire__state_input_field_event_history_and_deadlines(app: Flask) -> None:
    row = fair()
    district = user(app)
    with acting_as(district):
        event = commands.fire(row, "publish", {"date": " 2026-09-23 ", "comment": " 已上屏 "}, row.version)
        db.session.commit()
    assert (row.state, row.published_on) == ("published", date(2026, 9, 23))
    assert (event.transition, event.from_state, event.to_state, event.on_date) == (
        "publish",
        "accepted",
        "published",
        date(2026, 9, 23),
    )
    assert (event.comment, event.inputs, event.username) == (
        "已上屏",
        {"date": "2026-09-23", "comment": "已上屏"},
        "qu_jingban",
    )
    assert [e.transition for e in commands.events(row)] == ["publish", START]  # the latest first
    entry = latest_history(row)
    assert (entry.action, entry.comment) == ("transition", "发布洽谈会：已上屏")
    assert entry.changes["state"] == ["accepted", "published"]
    assert entry.changes["published_on"] == [None, "2026-09-23"]
    assert deadlines(row) == [
        ("publish", "met", date(2026, 9, 21), date(2026, 9, 24), date(2026, 9, 23)),
        ("import_screen", "open", date(2026, 9, 30), date(2026, 9, 29), None),  # counted from held_on
    ]
    assert [d.closed_at is None for d in commands.row_deadlines(row)] == [False, True]
    assert [d.step for d in commands.row_deadlines(row, "open")] == ["import_screen"]
    with acting_as(district):  # without a comment the history names the step alone
        commands.fire(row, "import_screen", {"date": "2026-09-29"}, row.version)
        db.session.commit()
    entry = latest_history(row)
    assert entry.comment == "导入洽谈场所电子屏" and row.state == "screened"
    assert commands.event_dates(row) == {
        START: date(2026, 9, 21),
        "publish": date(2026, 9, 23),
        "import_screen": date(2026, 9, 29),
        "accepted_on": date(2026, 9, 21),
        "held_on": date(2026, 9, 30),
    }


def test_allowed_transitions__the_steps_this_user_may_take_now(app: Flask) -> None:
    row = fair()
    assert [t.name for t in commands.allowed_transitions(row, user(app))] == ["publish"]
    assert commands.allowed_transitions(row, user(app, "renhe_shequ")) == []
    with acting_as(user(app)):
        assert [t.name for t in commands.allowed_transitions(row)] == ["publish"]


# ---- deadlines ----------------------------------------------------------------------------------


def test_settle__the_fired_step_met_steps_no_longer_possible_closed_others_open(app: Flask) -> None:
    row = fair()
    for step in ("hold", "import_screen"):
        db.session.add(
            Deadline(
                ledger="job_fair",
                row_id=row.id,
                step=step,
                limit="当日",
                started_on=date(2026, 9, 30),
                due_on=date(2026, 9, 30),
                status="open",
            )
        )
    row.state = "published"
    db.session.flush()
    commands.settle_deadlines(JOB_FAIR, row, "publish", date(2026, 9, 22))
    found = {d.step: (d.status, d.done_on, d.closed_at is not None) for d in commands.row_deadlines(row)}
    assert found == {
        "publish": ("met", date(2026, 9, 22), True),
        "hold": ("closed", None, True),  # not a step of 已发布
        "import_screen": ("open", None, False),
    }
    db.session.rollback()


def test_open_deadlines__one_per_step_never_twice(app: Flask) -> None:
    row = fair()
    commands.open_deadlines(JOB_FAIR, row, "accepted", date(2026, 9, 25))
    assert deadlines(row) == [("publish", "open", date(2026, 9, 21), date(2026, 9, 24), None)]  # kept
    commands.open_deadlines(JOB_FAIR, row, "archived", date(2026, 9, 25))  # a final state: none
    assert len(commands.row_deadlines(row)) == 1
    db.session.rollback()


def test_reschedule__moving_a_dated_event_moves_the_open_deadlines_counted_from_it(app: Flask) -> None:
    row = fair()
    with acting_as(user(app)):
        ledger.update(row, {"accepted_on": "2026-09-22"}, row.version)  # 3 working days: 9-25 is 中秋节
        assert deadlines(row) == [("publish", "open", date(2026, 9, 22), date(2026, 9, 28), None)]
        ledger.update(
            row, {"title": "改名", "held_on": "2026-10-09"}, row.version
        )  # publish not counted from it
        assert deadlines(row) == [("publish", "open", date(2026, 9, 22), date(2026, 9, 28), None)]
        commands.fire(row, "publish", {"date": "2026-09-23"}, row.version)
        ledger.update(row, {"held_on": "2026-09-30"}, row.version)
        assert commands.row_deadlines(row, "open")[0].due_on == date(2026, 9, 29)
        met = [d for d in commands.row_deadlines(row) if d.step == "publish"]
        assert [(d.status, d.due_on) for d in met] == [("met", date(2026, 9, 28))]  # a met one stays
    db.session.rollback()


def test_reschedule__unchanged_or_cleared_dates_move_nothing(app: Flask) -> None:
    row = fair()
    commands.reschedule_deadlines(row, {"accepted_on": date(2026, 9, 21)})  # the same date
    commands.reschedule_deadlines(row, {"title": "x"})
    with db.session.no_autoflush:
        row.accepted_on = None
        commands.reschedule_deadlines(row, {"accepted_on": date(2026, 9, 20)})
        assert deadlines(row) == [("publish", "open", date(2026, 9, 21), date(2026, 9, 24), None)]
    db.session.rollback()


# ---- inputs given as codes ------------------------------------------------------------------------

CODED = Transition(
    "record",
    "记录",
    ("a",),
    None,
    frozenset({"x"}),
    inputs=(
        Input("hukou", "户口", kind="code", code_list="hukou_type"),
        Input("note", "备注", required=False),
    ),
)


def test_check_codes__a_code_or_its_label_becomes_the_code(app: Flask) -> None:
    values: dict[str, Any] = {"hukou": "农村", "note": "农村"}
    assert commands.check_codes(CODED, values) == {}
    assert values == {"hukou": "2", "note": "农村"}  # only the code input is read as a code
    values = {"hukou": "火星"}
    assert {k: str(v) for k, v in commands.check_codes(CODED, values).items()} == {"hukou": "未知代码：火星"}
    assert commands.check_codes(CODED, {}) == {}  # not given: nothing to check


# ---- steps only for some records (Transition.only_for) and their preconditions ------------------------


def test_applies__a_step_only_for_other_kinds_of_record_is_not_offered(app: Flask) -> None:
    loan = make_loan(first_community(HOME_TOWN).id)  # a small-enterprise loan: handled by the district
    verify, complete = LOAN.transition("verify_on_site"), LOAN.transition("complete_materials")
    assert commands.applies(complete, loan) is True and commands.applies(verify, loan) is False
    assert commands.applies(LOAN.transition("reject"), loan) is True  # for every loan
    offered = [t.name for t in commands.allowed_transitions(loan, user(app))]
    assert "complete_materials" in offered and "verify_on_site" not in offered
    assert offered == [
        t.name for t in commands.allowed_transitions(loan, user(app)) if commands.applies(t, loan)
    ]


def test_unmet_preconditions__each_named_precondition_with_its_problems(app: Flask) -> None:
    loan = make_loan(first_community(HOME_TOWN).id)
    reject = LOAN.transition("reject")
    with acting_as(user(app, "renhe_jingban")):  # a town clerk: not theirs to decide
        found = commands.unmet_preconditions(reject, loan)
        assert {k: [str(p) for p in v] for k, v in found.items()} == {
            "handled_here": ["小企业贷款由区级审核办理"]
        }
        assert refusal(loan, "reject", {"reason": "不符"}, loan.version) == {"": "小企业贷款由区级审核办理"}
    with acting_as(user(app)):
        assert commands.unmet_preconditions(reject, loan) == {"handled_here": []}
        verify = commands.unmet_preconditions(LOAN.transition("verify_on_site"), loan)
        assert {k: [str(p) for p in v] for k, v in verify.items()} == {
            "individual_loan": ["仅适用于个体工商户贷款"]
        }


# ---- the step's own check, the record's validation of its inputs, the hooks --------------------------


def vacancy(app: Flask, checked: bool = True, **values: Any) -> Vacancy:
    unit = first_community(HOME_TOWN)
    employer = make_employer(unit.id, checked=checked)
    with acting_as(user(app)):
        row = ledger.create(Vacancy, {**vacancy_values(employer.id, unit.id), **values})
        db.session.commit()
    return row


def test_fire__the_step_s_own_check_reads_the_inputs_and_today(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = freeze_today(monkeypatch, date(2026, 10, 20))
    unchecked = vacancy(app, checked=False)
    with acting_as(user(app)):
        assert refusal(unchecked, "publish", {}, unchecked.version) == {
            "": f"{unchecked.employer.name} 未完成招聘登记资质审核（营业执照副本、组织机构代码证、经办人介绍信及身份证），岗位不能发布"
        }
        row = vacancy(app, valid_until="2026-12-31")
        today["today"] = date(2027, 1, 1)
        assert refusal(row, "publish", {}, row.version) == {"": "岗位有效期已过，请办理延期"}
        today["today"] = date(2026, 12, 31)
        commands.fire(row, "publish", {}, row.version)
        assert refusal(row, "extend", {"valid_until": "2026-12-30", "comment": "续招"}, row.version) == {
            "valid_until": "新的有效期截止日期不能早于今天"
        }
        assert refusal(row, "extend", {"comment": "续招"}, row.version) == {
            "valid_until": "请填写“新的有效期截止日期”"
        }
    db.session.rollback()


def test_fire__the_inputs_written_to_the_record_are_validated_as_the_step(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = fair()
    seen: list[tuple[Any, ...]] = []
    validate = ledger.validate_values

    def spy(model: Any, values: dict[str, Any], existing: Any = None) -> dict[str, Any]:
        seen.append((model, dict(values), existing, commands.firing()))
        return validate(model, values, existing=existing)

    monkeypatch.setattr(ledger, "validate_values", spy)
    with acting_as(user(app)):
        refusal(row, "publish", {"date": "x"}, row.version)  # its inputs refused first: not validated
        assert seen == []
        commands.fire(row, "publish", {"date": "2026-09-23"}, row.version)
        assert seen == [(JobFair, {"published_on": date(2026, 9, 23)}, row, "publish")]
        assert commands.firing() is None  # only while the step's values are validated
        commands.fire(row, "import_screen", {"date": "2026-09-29"}, row.version)
        seen.clear()
        commands.fire(row, "hold", {"date": "2026-09-30"}, row.version)  # writes no column
        assert seen == []
    db.session.rollback()


def test_fire__a_value_the_record_refuses_refuses_the_step(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = fair()
    monkeypatch.setattr(
        ledger, "validate_values", lambda model, values, existing=None: {"published_on": "不行"}
    )
    with acting_as(user(app)):
        assert refusal(row, "publish", {"date": "2026-09-23"}, row.version) == {"published_on": "不行"}
    assert row.state == "accepted" and len(commands.events(row)) == 1


def test_fire__the_ledger_s_hooks_then_the_kernel_s_see_the_record_the_step_and_its_event(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = fair()
    calls: list[tuple[Any, ...]] = []
    spec = registry.spec("job_fair")
    hooked = dataclasses.replace(
        spec, after_fire=(lambda obj, name, event: calls.append(("ledger", obj, name, event)),)
    )
    monkeypatch.setitem(registry.LEDGERS, "job_fair", hooked)
    monkeypatch.setattr(
        registry.KERNEL, "fired", [lambda obj, name, event: calls.append(("kernel", obj, name, event))]
    )
    with acting_as(user(app)):
        event = commands.fire(row, "publish", {"date": "2026-09-23"}, row.version)
    assert calls == [("ledger", row, "publish", event), ("kernel", row, "publish", event)]
    db.session.rollback()


# ---- the 流转记录 of a record ---------------------------------------------------------------------------


def test_events__the_record_s_own_latest_first_by_time_then_number(app: Flask) -> None:
    row, other = fair(), fair()
    (start,) = commands.events(row)

    def event(ledger: str, transition: str, to_state: str, at: datetime) -> WorkflowEvent:
        return WorkflowEvent(
            ledger=ledger,
            row_id=row.id,
            transition=transition,
            to_state=to_state,
            at=at,
            on_date=date(2026, 9, 22),
            username="system",
        )

    late = event("job_fair", "publish", "published", datetime(2027, 1, 1))
    early = event("job_fair", "note", "accepted", datetime(2000, 1, 1))
    same_time = event("job_fair", "again", "published", datetime(2027, 1, 1))
    elsewhere = event("vacancy", "publish", "published", datetime(2027, 1, 1))
    db.session.add_all([late, early, same_time, elsewhere])
    db.session.flush()
    assert commands.events(row) == [same_time, late, start, early]
    assert [e.row_id for e in commands.events(other)] == [other.id]
    db.session.rollback()


def test_row_deadlines__the_record_s_own_by_due_date_then_number_and_status(app: Flask) -> None:
    row, other = fair(), fair()
    (publish,) = commands.row_deadlines(row)

    def add(ledger_name: str, row_id: int, step: str, due: date, status: str = "open") -> Deadline:
        deadline = Deadline(
            ledger=ledger_name,
            row_id=row_id,
            step=step,
            limit="当日",
            started_on=due,
            due_on=due,
            status=status,
        )
        db.session.add(deadline)
        db.session.flush()
        return deadline

    earlier = add("job_fair", row.id, "hold", date(2026, 9, 22))  # made after, due before
    same_day = add("job_fair", row.id, "archive", date(2026, 9, 24), "met")
    add("vacancy", row.id, "publish", date(2026, 9, 1))  # another ledger's row of the same number
    assert commands.row_deadlines(row) == [earlier, publish, same_day]
    assert commands.row_deadlines(row, "open") == [earlier, publish]
    assert commands.row_deadlines(row, "met") == [same_day]
    assert [d.row_id for d in commands.row_deadlines(other)] == [other.id]
    db.session.rollback()


def test_event_dates__the_last_time_each_event_happened(app: Flask) -> None:
    row, other = fair(), fair()
    for day in (date(2026, 9, 23), date(2026, 9, 22)):  # published again later, with an earlier date
        db.session.add(
            WorkflowEvent(
                ledger="job_fair",
                row_id=row.id,
                transition="publish",
                to_state="published",
                at=datetime(2026, 9, 23),
                on_date=day,
                username="system",
            )
        )
    db.session.add(
        WorkflowEvent(
            ledger="vacancy",
            row_id=row.id,
            transition="expire",
            to_state="expired",
            at=datetime(2026, 9, 23),
            on_date=date(2026, 9, 1),
            username="system",
        )
    )
    db.session.flush()
    assert commands.event_dates(row) == {
        START: date(2026, 9, 21),
        "publish": date(2026, 9, 22),
        "accepted_on": date(2026, 9, 21),
        "held_on": date(2026, 9, 30),
    }
    assert commands.event_dates(other) == {
        START: date(2026, 9, 21),
        "accepted_on": date(2026, 9, 21),
        "held_on": date(2026, 9, 30),
    }
    db.session.rollback()


def test_open_deadlines__not_for_a_step_the_record_cannot_take(app: Flask) -> None:
    district_loan = make_loan(first_community(HOME_TOWN).id)
    individual_loan = make_loan(first_community(HOME_TOWN).id, loan_type="3", investment=100000)
    assert "verify_on_site" not in {d.step for d in commands.row_deadlines(district_loan)}
    assert "verify_on_site" in {d.step for d in commands.row_deadlines(individual_loan, "open")}


def test_open_deadlines__a_step_already_open_is_skipped_not_the_steps_after_it(app: Flask) -> None:
    row = fair()  # 发布 (publish) is open since the intake
    remind = Transition("remind", "提醒", ("accepted",), None, frozenset({"区级经办"}), limit="当日")
    two_timed = dataclasses.replace(JOB_FAIR, transitions=(JOB_FAIR.transition("publish"), remind))
    commands.open_deadlines(two_timed, row, "accepted", date(2026, 9, 22))
    assert deadlines(row) == [
        ("remind", "open", date(2026, 9, 22), date(2026, 9, 22), None),
        ("publish", "open", date(2026, 9, 21), date(2026, 9, 24), None),  # kept, not opened twice
    ]
    db.session.rollback()


def test_allowed_transitions__a_step_the_user_may_take_but_not_on_this_kind_of_record(app: Flask) -> None:
    loan = make_loan(first_community(HOME_TOWN).id)  # a district loan: 现场核实 is for individual businesses
    town_clerk = user(app, "renhe_jingban")
    guard_allows = [t.name for t in engine.allowed(LOAN, loan.state, commands.actor_for(loan, town_clerk))]
    assert "verify_on_site" in guard_allows
    assert "verify_on_site" not in [t.name for t in commands.allowed_transitions(loan, town_clerk)]


def test_deadlines__a_met_one_stays_met_and_the_step_may_open_again(app: Flask) -> None:
    row = fair()
    with acting_as(user(app)):
        commands.fire(row, "publish", {"date": "2026-09-23"}, row.version)
        commands.fire(row, "import_screen", {"date": "2026-09-29"}, row.version)  # 发布 no longer possible
    assert {d.step: d.status for d in commands.row_deadlines(row)} == {
        "publish": "met",
        "import_screen": "met",
        "hold": "open",
    }
    commands.open_deadlines(JOB_FAIR, row, "accepted", date(2026, 10, 8))  # back to 已受理 (a correction)
    assert {d.step for d in commands.row_deadlines(row, "open")} == {"hold", "publish"}
    db.session.rollback()


def test_fire__a_code_input_is_stored_as_its_code(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    publish = JOB_FAIR.transition("publish")
    coded = dataclasses.replace(
        publish,
        inputs=(*publish.inputs, Input("hukou", "户口", kind="code", code_list="hukou_type", required=False)),
    )
    workflow = dataclasses.replace(JOB_FAIR, transitions=(coded, *JOB_FAIR.transitions[1:]))
    monkeypatch.setitem(
        registry.LEDGERS, "job_fair", dataclasses.replace(registry.spec("job_fair"), workflow=workflow)
    )
    row = fair()
    with acting_as(user(app)):
        event = commands.fire(row, "publish", {"date": "2026-09-23", "hukou": "农村"}, row.version)
        assert event.inputs == {"date": "2026-09-23", "hukou": "2"}
    db.session.rollback()


def test_open_deadlines__a_due_date_on_an_unconfirmed_calendar_says_so(app: Flask) -> None:
    row = fair(accepted_on="2031-03-03", held_on="2031-03-20")  # no calendar published for 2031
    (deadline,) = commands.row_deadlines(row)
    assert (deadline.due_on, deadline.calendar_confirmed) == (date(2031, 3, 6), False)
    assert commands.row_deadlines(fair())[0].calendar_confirmed is True
