"""Vacancies (E05; R-92, CK-14) through the workflow API, nightly expiry, the board and the public page;
employer visits (E09; R-62): the briefing and visit deadlines, a new appointment, the vacancy prefill."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app import db, ledger
from app.domain.vacancy import expire_vacancies
from app.security.scope import acting_as
from models.audit import AuditLog
from models.vacancy import Vacancy
from models.visit import EmployerVisit
from models.workflow import Deadline, WorkflowEvent
from tests.conftest import first_community, org
from tests.factories.employer import make_employer
from tests.factories.excel import workbook
from tests.factories.vacancy import vacancy_values


def add_vacancy(app: Flask, town: str = "仁和镇", checked: bool = True, **changes: Any) -> Vacancy:
    unit = first_community(town)
    employer = make_employer(unit.id, checked=checked)
    clerk = "renhe_shequ" if town == "仁和镇" else "houshayu_shequ"
    with acting_as(app.appbuilder.sm.find_user(username=clerk)):
        vacancy = ledger.create(Vacancy, {**vacancy_values(employer.id, unit.id), **changes})
        db.session.commit()
    return vacancy


def fire(client: Any, name: str, pk: int, step: str, **inputs: Any) -> Any:
    state = client.get(f"/api/v1/workflow/{name}/{pk}").json["result"]
    return client.post(f"/api/v1/workflow/{name}/{pk}/{step}", json={**inputs, "version": state["version"]})


def test_vacancy__town_clerk_publishes_community_clerk_refused(app: Flask, login: Any, today: Any) -> None:
    vacancy = add_vacancy(app)
    assert vacancy.state == "pending"
    community = login("renhe_shequ")
    refused = fire(community, "vacancy", vacancy.id, "publish")
    assert refused.status_code == 403 and "街镇经办" in str(refused.json["message"])
    town = login("renhe_jingban")
    assert fire(town, "vacancy", vacancy.id, "publish", comment="资质齐全").status_code == 200
    other = login("houshayu_jingban")
    assert other.get(f"/api/v1/workflow/vacancy/{vacancy.id}").status_code == 404
    assert other.post(f"/api/v1/workflow/vacancy/{vacancy.id}/fill", json={"version": 2}).status_code == 404
    community = login("renhe_shequ")
    filled = fire(community, "vacancy", vacancy.id, "fill", comment="已招满")
    assert filled.status_code == 200 and filled.json["result"]["state"] == "filled"
    assert filled.json["result"]["allowed"] == []  # 已招满 is final


def test_vacancy__not_published_without_ck14_check(app: Flask, login: Any, today: Any) -> None:
    vacancy = add_vacancy(app, checked=False)
    refused = fire(login("renhe_jingban"), "vacancy", vacancy.id, "publish")
    assert refused.status_code == 403
    assert "未完成招聘登记资质审核" in str(refused.json["message"])
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).state == "pending"


def test_expiry__published_past_validity_expired_by_system_with_history(
    app: Flask, login: Any, today: Any
) -> None:
    old = add_vacancy(app, valid_until="2026-10-31")
    current = add_vacancy(app, valid_until="2026-11-30")
    pending = add_vacancy(app, valid_until="2026-10-31")
    town = login("renhe_jingban")
    for vacancy in (old, current):
        assert fire(town, "vacancy", vacancy.id, "publish").status_code == 200
    today["today"] = date(2026, 11, 1)
    assert expire_vacancies() == 1
    db.session.commit()
    db.session.expire_all()
    states = {v.id: v.state for v in db.session.execute(select(Vacancy)).scalars()}
    assert states == {old.id: "expired", current.id: "published", pending.id: "pending"}
    event = db.session.execute(
        select(WorkflowEvent).where(WorkflowEvent.row_id == old.id, WorkflowEvent.transition == "expire")
    ).scalar_one()
    assert (event.username, event.on_date) == ("system", date(2026, 11, 1))
    assert expire_vacancies() == 0  # idempotent

    extended = fire(town, "vacancy", old.id, "extend", valid_until="2026-12-31", comment="未招满，延期")
    assert extended.status_code == 200 and extended.json["result"]["state"] == "published"
    past = fire(town, "vacancy", current.id, "extend", valid_until="2026-10-01", comment="x")
    assert past.status_code == 422 and "valid_until" in past.json["message"]


def test_expire_command__runs_the_expiry(app: Flask, login: Any, today: Any) -> None:
    vacancy = add_vacancy(app, valid_until="2026-10-31")
    assert fire(login("renhe_jingban"), "vacancy", vacancy.id, "publish").status_code == 200
    today["today"] = date(2026, 11, 2)
    result = app.test_cli_runner().invoke(args=["vacancies", "expire"])
    assert "1" in result.output, result.output
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).state == "expired"


def test_public_page_and_feed__current_postings_of_the_town_only(
    app: Flask, client: Any, login: Any, today: Any
) -> None:
    shown = add_vacancy(app, occupation="叉车司机")
    filled = add_vacancy(app, occupation="已招满岗位")
    expired = add_vacancy(app, occupation="过期岗位", valid_until="2026-10-31")
    elsewhere = add_vacancy(app, town="后沙峪镇", occupation="外镇岗位")
    moved = add_vacancy(app, occupation="在后沙峪工作", work_town_id=org("后沙峪镇").id)
    town = login("renhe_jingban")
    for vacancy in (shown, filled, expired, moved):
        assert fire(town, "vacancy", vacancy.id, "publish").status_code == 200
    assert fire(login("houshayu_jingban"), "vacancy", elsewhere.id, "publish").status_code == 200
    assert fire(login("renhe_jingban"), "vacancy", filled.id, "fill").status_code == 200
    today["today"] = date(2026, 11, 5)
    client.get("/logout/")
    renhe, houshayu = org("仁和镇"), org("后沙峪镇")
    page = client.get(f"/public/{renhe.code}/")
    assert page.status_code == 200
    html = page.data.decode()
    assert "叉车司机" in html and 'http-equiv="refresh"' in html and "69405180" in html
    for hidden in ("已招满岗位", "过期岗位", "外镇岗位", "在后沙峪工作", "张人事", "69401234", "91110113"):
        assert hidden not in html, hidden
    feed = client.get(f"/public/{renhe.code}/postings.json").json
    assert [p["occupation"] for p in feed["postings"]] == ["叉车司机"]
    assert not {"hr_contact", "hr_phone", "credit_code", "id"} & set(feed["postings"][0])
    other = client.get(f"/public/{houshayu.code}/postings.json").json
    assert sorted(p["occupation"] for p in other["postings"]) == ["在后沙峪工作", "外镇岗位"]
    assert client.get("/public/nosuchtown/").status_code == 404
    assert client.get(f"/public/{first_community('仁和镇').code}/").status_code == 404
    board = login("renhe_jingban").get("/vacancy_board/").data.decode()
    assert "叉车司机" in board and "外镇岗位" not in board


def add_visit(app: Flask, appointed: str, planned: str) -> EmployerVisit:
    unit = first_community("仁和镇")
    employer = make_employer(unit.id)
    with acting_as(app.appbuilder.sm.find_user(username="renhe_shequ")):
        visit = ledger.create(
            EmployerVisit,
            {"org_id": unit.id, "employer_id": employer.id, "appointed_on": appointed, "planned_on": planned},
        )
        db.session.commit()
    return visit


def open_deadline(pk: int, step: str) -> Deadline:
    db.session.expire_all()
    query = select(Deadline).where(
        Deadline.ledger == "employer_visit",
        Deadline.row_id == pk,
        Deadline.step == step,
        Deadline.status == "open",
    )
    return db.session.execute(query).scalar_one()


def test_visit__r62_appointment_three_days_ahead(app: Flask) -> None:
    with pytest.raises(ledger.LedgerError) as refused:
        add_visit(app, "2026-11-02", "2026-11-04")
    assert "提前3天预约" in str(refused.value.errors["planned_on"])
    assert add_visit(app, "2026-11-02", "2026-11-05").state == "appointed"


def test_visit__briefing_due_the_working_day_before_and_reappointment(
    app: Flask, login: Any, today: Any
) -> None:
    visit = add_visit(app, "2026-09-28", "2026-10-08")  # after National Day: the day before is 9-30
    assert open_deadline(visit.id, "brief").due_on == date(2026, 9, 30)
    assert open_deadline(visit.id, "complete").due_on == date(2026, 10, 8)
    community = login("renhe_shequ")
    assert fire(community, "employer_visit", visit.id, "postpone", comment="企业临时停产").status_code == 200
    too_soon = fire(
        community, "employer_visit", visit.id, "reappoint", date="2026-10-14", appointed_on="2026-10-12"
    )
    assert too_soon.status_code == 422
    again = fire(
        community, "employer_visit", visit.id, "reappoint", date="2026-10-16", appointed_on="2026-10-12"
    )
    assert again.status_code == 200 and again.json["result"]["state"] == "appointed"
    assert open_deadline(visit.id, "brief").due_on == date(2026, 10, 15)
    for wrong, reason in (("2026-10-16", "走访日期之前"), ("2026-10-11", "预约之前")):
        refused = fire(community, "employer_visit", visit.id, "brief", date=wrong)
        assert refused.status_code == 422 and reason in str(refused.json), refused.json
    assert fire(community, "employer_visit", visit.id, "brief", date="2026-10-15").status_code == 200
    done = fire(community, "employer_visit", visit.id, "complete", date="2026-10-16", record="了解用工需求")
    assert done.status_code == 200 and done.json["result"]["state"] == "done"
    db.session.expire_all()
    assert db.session.get(EmployerVisit, visit.id).actual_on == date(2026, 10, 16)


def test_visit_page__adds_a_vacancy_prefilled_with_employer_source_and_visit(app: Flask, login: Any) -> None:
    visit = add_visit(app, "2026-10-09", "2026-10-14")
    client = login("renhe_shequ")
    page = client.get(f"/ledger/employer_visit/show/{visit.id}").data.decode()
    link = page.split('class="btn btn-success btn-sm record-link" href="', 1)[1].split('"', 1)[0]
    form = client.get(link.replace("&amp;", "&")).data.decode()
    # the employer and the visit are reference pickers (their chosen option), the source a code select
    assert f'<option value="{visit.employer_id}" selected>' in form
    assert '<option selected value="03">' in form
    assert f'<option value="{visit.id}" selected>' in form


def test_visit_analysis__per_town_figures_and_excel(app: Flask, login: Any, today: Any) -> None:
    visit = add_visit(app, "2026-10-09", "2026-10-14")
    add_visit(app, "2026-10-09", "2026-10-20")
    community = login("renhe_shequ")
    assert (
        fire(community, "employer_visit", visit.id, "complete", date="2026-10-14", record="记录").status_code
        == 200
    )
    add_vacancy(app, visit_id=visit.id, headcount=7)
    client = login("renhe_jingban")
    page = client.get("/visit_analysis/?year=2026&quarter=4").data.decode()
    row = page.split("<td>仁和镇</td>", 1)[1].split("</tr>", 1)[0]
    assert [cell.strip("</td>") for cell in row.split("<td>")[1:]] == ["2", "1", "0", "0", "1", "7"]
    workbook = client.get("/visit_analysis/xlsx?year=2026&quarter=4")
    assert workbook.status_code == 200 and workbook.data[:2] == b"PK"
    assert (
        login("houshayu_jingban").get("/visit_analysis/?year=2026&quarter=4").data.decode().count("仁和镇")
        == 0
    )


def test_nightly_task__registered_with_the_worker_and_commits(app: Flask, login: Any, today: Any) -> None:
    from huey import MemoryHuey

    from app import background
    from app.domain.vacancy import expire_nightly

    schedule, fn = background.PERIODIC["expire_vacancies"]
    assert fn is expire_nightly and schedule == {"minute": "7", "hour": "16"}
    huey = MemoryHuey("test-periodic")
    background.bind_periodic(app, huey, "expire_vacancies", schedule, fn)
    assert "expire_vacancies" in {task.__name__ for task in huey._registry._periodic_tasks}
    vacancy = add_vacancy(app, valid_until="2026-10-31")
    assert fire(login("renhe_jingban"), "vacancy", vacancy.id, "publish").status_code == 200
    today["today"] = date(2026, 11, 1)
    fn()
    db.session.rollback()  # what the task committed stays
    assert db.session.get(Vacancy, vacancy.id).state == "expired"


def test_inbox__briefing_waits_on_the_community_clerk(app: Flask, login: Any, today: Any) -> None:
    from app.workflow import inbox

    visit = add_visit(app, "2026-09-28", "2026-10-08")
    with app.test_request_context():
        clerk = app.appbuilder.sm.find_user(username="renhe_shequ")
        items = inbox.workflow_items(clerk, today["today"])
        other = inbox.workflow_items(app.appbuilder.sm.find_user(username="houshayu_shequ"), today["today"])
    # one item per record, due at its earliest deadline: the briefing on the working day before the visit
    assert [(i.subject, i.due_on) for i in items] == [(visit.ledger_title(), date(2026, 9, 30))]
    assert other == []


def import_vacancy_row(app: Flask, tmp_path: Any, vacancy: Vacancy, **cells: Any) -> Any:
    """Import one row updating `vacancy` (its record number) with some cells changed, as the town clerk."""
    from app.io.columns import specs
    from app.io.importer import ImportOptions, commit_import

    columns = specs(Vacancy)
    stored = {spec.name: getattr(vacancy, spec.name) for spec in columns}
    stored = {k: v.isoformat() if isinstance(v, date) else v for k, v in {**stored, **cells}.items()}
    stored["org_id"], stored["skill_talent"] = vacancy.org.name, "否"
    path = workbook(
        tmp_path / "vacancy.xlsx", [s.label for s in columns], [[stored[s.name] for s in columns]]
    )
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")
    return commit_import("vacancy", path, clerk, ImportOptions(on_existing="update"))


def test_vacancy__validity_of_a_reviewed_vacancy_changes_only_by_extension(
    app: Flask, login: Any, today: Any, tmp_path: Any
) -> None:
    pending = add_vacancy(app)
    town = login("renhe_jingban")
    moved = town.put(f"/api/v1/vacancy/{pending.id}", json={"valid_until": "2027-01-31", "version": 1})
    assert moved.status_code == 200  # before review the clerk still corrects the registration
    vacancy = add_vacancy(app)
    assert fire(town, "vacancy", vacancy.id, "publish").status_code == 200
    db.session.expire_all()
    version = db.session.get(Vacancy, vacancy.id).version

    api = town.put(f"/api/v1/vacancy/{vacancy.id}", json={"valid_until": "2027-06-30", "version": version})
    assert api.status_code == 422 and "延期" in str(api.json["message"]["valid_until"])
    form = {**vacancy_values(vacancy.employer_id, vacancy.org_id), "valid_until": "2027-06-30"}
    page = town.post(f"/ledger/vacancy/edit/{vacancy.id}", data={**form, "row_version": version})
    assert page.status_code == 200 and "延期" in page.data.decode()
    report = import_vacancy_row(app, tmp_path, db.session.get(Vacancy, vacancy.id), valid_until="2027-06-30")
    assert report.counts["error"] == 1 and "延期" in report.issues[0].message, report.issues
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).valid_until == date(2026, 12, 31)

    other = town.put(f"/api/v1/vacancy/{vacancy.id}", json={"headcount": 9, "version": version})
    assert other.status_code == 200  # the other columns are still edited
    extended = fire(town, "vacancy", vacancy.id, "extend", valid_until="2027-06-30", comment="未招满")
    assert extended.status_code == 200
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).valid_until == date(2027, 6, 30)


def test_visit__r62_checked_against_the_stored_date_on_every_write_path(
    app: Flask, login: Any, tmp_path: Any
) -> None:
    visit = add_visit(app, "2026-10-09", "2026-10-14")
    client = login("renhe_shequ")
    api = client.put(f"/api/v1/employer_visit/{visit.id}", json={"planned_on": "2026-10-11", "version": 1})
    assert api.status_code == 422 and "提前3天预约" in str(api.json["message"]["planned_on"])
    late_call = client.put(
        f"/api/v1/employer_visit/{visit.id}", json={"appointed_on": "2026-10-12", "version": 1}
    )
    assert late_call.status_code == 422 and "提前3天预约" in str(late_call.json["message"]["appointed_on"])
    with acting_as(app.appbuilder.sm.find_user(username="renhe_shequ")):
        with pytest.raises(ledger.LedgerError) as refused:
            ledger.update(visit, {"planned_on": date(2026, 10, 10)}, visit.version)  # an import row
        assert "提前3天预约" in str(refused.value.errors["planned_on"])
    db.session.rollback()
    ok = client.put(f"/api/v1/employer_visit/{visit.id}", json={"planned_on": "2026-10-12", "version": 1})
    assert ok.status_code == 200
    early = fire(client, "employer_visit", visit.id, "complete", date="2026-10-08", record="提前到访")
    assert early.status_code == 422 and "actual_on" in str(early.json["message"])


def test_visit__moving_the_planned_date_moves_the_briefing_and_visit_deadlines(
    app: Flask, login: Any
) -> None:
    visit = add_visit(app, "2026-09-20", "2026-09-30")
    assert open_deadline(visit.id, "brief").due_on == date(2026, 9, 29)
    client = login("renhe_shequ")
    form = {
        "employer": visit.employer_id,
        "appointed_on": "2026-09-20",
        "planned_on": "2026-10-08",  # after National Day: the working day before is 9-30
        "row_version": visit.version,
    }
    assert client.post(f"/ledger/employer_visit/edit/{visit.id}", data=form).status_code == 302
    brief, complete = open_deadline(visit.id, "brief"), open_deadline(visit.id, "complete")
    assert (brief.started_on, brief.due_on) == (date(2026, 10, 8), date(2026, 9, 30))
    assert complete.due_on == date(2026, 10, 8)
    history = db.session.execute(
        select(AuditLog).where(AuditLog.ledger == "employer_visit", AuditLog.row_id == visit.id)
    ).scalars()
    assert any("planned_on" in str(entry.changes) for entry in history)
    assert fire(client, "employer_visit", visit.id, "brief", date="2026-09-30").status_code == 200
    db.session.expire_all()
    met = db.session.execute(
        select(Deadline).where(
            Deadline.ledger == "employer_visit", Deadline.row_id == visit.id, Deadline.step == "brief"
        )
    ).scalar_one()
    assert (met.status, met.overdue(date(2026, 10, 20))) == ("met", False)
