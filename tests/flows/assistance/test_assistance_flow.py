"""SM-10 driven through the REST API by the right personas with a frozen clock: deadlines open, are met
or run late, wrong roles and other territories are refused, the bulk step stays in the territory."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import select

from app import db
from models.assistance import HardToEmployCase
from models.workflow import Deadline, WorkflowEvent
from tests.factories.assistance import T0, fire, report_case


def deadline(case_id: int, step: str) -> Deadline:
    db.session.expire_all()
    query = (
        select(Deadline).where(Deadline.row_id == case_id, Deadline.step == step).order_by(Deadline.id.desc())
    )
    return db.session.execute(query).scalars().first()


def test_case_through_the_api__deadlines_met_and_late(app: Flask, login: Any, today: Any) -> None:
    case = report_case(app)
    town = login("renhe_jingban")
    result = town.get(f"/api/v1/workflow/hard_to_employ/{case.id}").json["result"]
    assert result["state"] == "reported" and [s["name"] for s in result["allowed"]] == ["recognise", "reject"]

    assert fire(town, case.id, "recognise", date="2026-09-28").status_code == 200
    plan = deadline(case.id, "make_plan")
    assert (plan.started_on, plan.due_on, plan.status) == (T0, date(2026, 10, 1), "open")  # 3日 from T0

    today["today"] = date(2026, 9, 30)
    assert fire(town, case.id, "make_plan", plan="推荐保洁、保安岗位，陪同面试").status_code == 200
    assert deadline(case.id, "make_plan").status == "met" and not deadline(case.id, "make_plan").overdue(
        today["today"]
    )
    assert fire(town, case.id, "assign_assistant", assistant_name="李援助").status_code == 200
    contact = deadline(case.id, "contact")
    assert contact.due_on == date(2026, 10, 9)  # 2 working days after 9-30: 10-08 and 10-09 (10-01..07 off)

    today["today"] = date(2026, 10, 12)
    community = login("renhe_shequ")
    overdue = community.get(f"/api/v1/workflow/hard_to_employ/{case.id}").json["result"]["deadlines"]
    assert [d["overdue"] for d in overdue if d["step"] == "contact"] == [True]
    assert fire(community, case.id, "contact", date="2026-10-12", comment="电话联系").status_code == 200
    met_late = deadline(case.id, "contact")
    assert met_late.status == "met" and met_late.overdue(today["today"])  # done, but after the limit

    town = login("renhe_jingban")  # one test client: logging in switches persona
    assert fire(town, case.id, "sign_agreement", date="2026-10-12").status_code == 200
    refused = fire(
        town, case.id, "offer_jobs", date="2026-10-12", offers="保洁", offer_count=1, comment="陪同"
    )
    assert refused.status_code == 422 and "offer_count" in refused.json["message"]
    assert (
        fire(
            town,
            case.id,
            "offer_jobs",
            date="2026-10-12",
            offers="保洁；保安",
            offer_count=2,
            comment="陪同面试",
        ).status_code
        == 200
    )
    assert deadline(case.id, "follow_up_interview").due_on == date(2026, 10, 17)  # 5日后

    events = (
        db.session.execute(
            select(WorkflowEvent.transition).where(WorkflowEvent.row_id == case.id).order_by(WorkflowEvent.id)
        )
        .scalars()
        .all()
    )
    assert events == [
        "start",
        "recognise",
        "make_plan",
        "assign_assistant",
        "contact",
        "sign_agreement",
        "offer_jobs",
    ]
    db.session.expire_all()
    saved = db.session.get(HardToEmployCase, case.id)
    assert (saved.state, saved.assistant_name, saved.recognised_on) == ("jobs_offered", "李援助", T0)


def test_refusals__wrong_role_wrong_state_stale_version_other_territory(
    app: Flask, login: Any, today: Any
) -> None:
    case = report_case(app)
    community = login("renhe_shequ")
    wrong_role = fire(community, case.id, "recognise", date="2026-09-28")
    assert wrong_role.status_code == 403 and "街镇经办" in wrong_role.json["message"]["_record"]
    town = login("renhe_jingban")
    wrong_state = fire(town, case.id, "make_plan", plan="x")
    assert wrong_state.status_code == 403 and "不能办理" in wrong_state.json["message"]["_record"]
    stale = town.post(
        f"/api/v1/workflow/hard_to_employ/{case.id}/recognise", json={"date": "2026-09-28", "version": 0}
    )
    assert stale.status_code == 409
    other_town = login("houshayu_jingban")
    assert other_town.get(f"/api/v1/workflow/hard_to_employ/{case.id}").status_code == 404
    assert fire_blind(other_town, case.id).status_code == 404
    inspector = login("ducha")  # read-only: may look, may not fire
    assert inspector.get(f"/api/v1/workflow/hard_to_employ/{case.id}").status_code == 200
    assert fire_blind(inspector, case.id).status_code == 403
    db.session.expire_all()
    assert db.session.get(HardToEmployCase, case.id).state == "reported"


def fire_blind(client: Any, case_id: int) -> Any:
    return client.post(
        f"/api/v1/workflow/hard_to_employ/{case_id}/recognise", json={"date": "2026-09-28", "version": 1}
    )


def test_bulk_step__only_rows_in_territory(app: Flask, login: Any, today: Any) -> None:
    mine = [report_case(app), report_case(app)]
    theirs = report_case(app, "后沙峪镇", "houshayu_shequ")
    town = login("renhe_jingban")
    rows = [c.id for c in (*mine, theirs)]
    response = town.post(
        "/ledger/hard_to_employ/action_post",
        data={
            "action": "transition_selected",
            "rowid": rows,
            "transition": "recognise",
            "date": "2026-09-29",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [db.session.get(HardToEmployCase, c.id).state for c in mine] == ["recognised", "recognised"]
    assert db.session.get(HardToEmployCase, theirs.id).state == "reported"


def test_show_page__state_steps_and_workflow_tab(app: Flask, login: Any, today: Any) -> None:
    case = report_case(app)
    page = login("renhe_jingban").get(f"/ledger/hard_to_employ/show/{case.id}").data.decode()
    assert 'id="workflow-tab"' in page and 'id="btn-step-recognise"' in page
    community_page = login("renhe_shequ").get(f"/ledger/hard_to_employ/show/{case.id}").data.decode()
    assert 'id="btn-step-recognise"' not in community_page  # not theirs to fire
    listing = login("renhe_jingban").get("/ledger/hard_to_employ/list/?_flt_0_state=reported").data.decode()
    assert case.person.name in listing
