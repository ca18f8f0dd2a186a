"""洽谈会 (E28; WF-26; R-57) through the workflow API: the district clerk publishes, imports to the screens,
holds and archives with the R-57 deadlines around the National Day holiday; a community clerk is refused;
participants without a receipt are listed on the fair's page, overdue after 5 working days."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import select

from app import db, ledger
from app.domain.job_fair import receipt_items
from app.security.scope import acting_as
from models.audit import AuditLog
from models.job_fair import JobFair, JobFairParticipation
from models.workflow import Deadline
from tests.conftest import first_community
from tests.factories.employer import make_employer
from tests.factories.job_fair import make_fair


def fire(client: Any, pk: int, step: str, **inputs: Any) -> Any:
    state = client.get(f"/api/v1/workflow/job_fair/{pk}").json["result"]
    return client.post(f"/api/v1/workflow/job_fair/{pk}/{step}", json={**inputs, "version": state["version"]})


def open_due(fair_id: int) -> dict[str, date]:
    rows = db.session.execute(
        select(Deadline).where(
            Deadline.ledger == "job_fair", Deadline.row_id == fair_id, Deadline.status == "open"
        )
    ).scalars()
    return {d.step: d.due_on for d in rows}


def test_job_fair__district_clerk_runs_the_steps_with_r57_deadlines(
    app: Flask, login: Any, today: Any
) -> None:
    unit = first_community("仁和镇")
    fair = make_fair(
        unit.id, accepted_on="2026-09-30", held_on="2026-10-12", fair_type="2", starts_at="09:30"
    )
    assert fair.state == "accepted"
    assert open_due(fair.id) == {"publish": date(2026, 10, 10)}  # intake + 3 working days over 国庆
    refused = fire(login("renhe_shequ"), fair.id, "publish", date="2026-10-09")
    assert refused.status_code == 403
    district = login("qu_jingban")
    assert fire(district, fair.id, "publish", date="2026-10-09").status_code == 200
    db.session.expire_all()
    assert open_due(fair.id) == {"import_screen": date(2026, 10, 10)}  # the working day before 10-12
    assert fire(district, fair.id, "import_screen", date="2026-10-10").status_code == 200
    db.session.expire_all()
    assert open_due(fair.id) == {"hold": date(2026, 10, 12)}
    assert fire(district, fair.id, "hold", date="2026-10-12").status_code == 200
    db.session.expire_all()
    assert open_due(fair.id) == {"archive": date(2026, 10, 19)}  # 10-13..10-16, 10-19
    page = district.get(f"/ledger/job_fair/show/{fair.id}").data.decode()
    assert "2026年10月12日 08:30" in page  # 专场 briefing one hour before the start
    done = fire(district, fair.id, "archive", date="2026-10-16")
    assert done.status_code == 200 and done.json["result"]["state"] == "archived"


def test_job_fair__participants_without_receipt_listed_and_overdue(
    app: Flask, login: Any, today: Any
) -> None:
    unit = first_community("仁和镇")
    fair = make_fair(unit.id, accepted_on="2026-09-20", held_on="2026-09-30")
    with acting_as(app.appbuilder.sm.find_user(username="qu_jingban")):
        late = ledger.create(
            JobFairParticipation,
            {"org_id": unit.id, "fair_id": fair.id, "employer_id": make_employer(unit.id).id},
        )
        answered = ledger.create(
            JobFairParticipation,
            {
                "org_id": unit.id,
                "fair_id": fair.id,
                "employer_id": make_employer(unit.id).id,
                "receipt_on": "2026-10-09",
            },
        )
        db.session.commit()
    late_name, answered_name = late.employer.name, answered.employer.name
    client = login("qu_jingban")
    today["today"] = date(2026, 10, 13)  # the 5th working day after 09-30: not yet overdue
    page = client.get(f"/ledger/job_fair/show/{fair.id}").data.decode()
    pending = page.split("job-fair-pending", 1)[1].split("</table>", 1)[0]
    assert late_name in pending and answered_name not in pending and 'class="danger"' not in pending
    today["today"] = date(2026, 10, 14)
    page = client.get(f"/ledger/job_fair/show/{fair.id}").data.decode()
    pending = page.split("job-fair-pending", 1)[1].split("</table>", 1)[0]
    assert 'class="danger"' in pending and late_name in pending
    shown = client.get(f"/ledger/job_fair_participation/show/{late.id}").data.decode()
    assert "text-danger" in shown.split("job-fair-receipt", 1)[1][:40]


def test_job_fair__moving_the_dates_moves_the_open_deadlines(app: Flask, login: Any, today: Any) -> None:
    unit = first_community("仁和镇")
    fair = make_fair(unit.id, accepted_on="2026-09-21", held_on="2026-09-30")
    assert open_due(fair.id) == {"publish": date(2026, 9, 24)}
    district = login("qu_jingban")
    put = district.put(f"/api/v1/job_fair/{fair.id}", json={"accepted_on": "2026-09-29", "version": 1})
    assert put.status_code == 200, put.json  # an intake date corrected through the API (or an import)
    db.session.expire_all()
    assert open_due(fair.id) == {"publish": date(2026, 10, 9)}  # 9-30, then 10-8 and 10-9 after 国庆
    assert fire(district, fair.id, "publish", date="2026-09-29").status_code == 200
    db.session.expire_all()
    assert open_due(fair.id) == {"import_screen": date(2026, 9, 29)}
    fair = db.session.get(JobFair, fair.id)
    form = {
        "title": fair.title,
        "fair_type": fair.fair_type,
        "held_on": "2026-10-12",  # postponed past National Day
        "venue": fair.venue,
        "row_version": fair.version,
    }
    assert district.post(f"/ledger/job_fair/edit/{fair.id}", data=form).status_code == 302
    db.session.expire_all()
    moved = db.session.execute(
        select(Deadline).where(
            Deadline.ledger == "job_fair", Deadline.row_id == fair.id, Deadline.status == "open"
        )
    ).scalar_one()
    assert (moved.step, moved.started_on, moved.due_on) == (
        "import_screen",
        date(2026, 10, 12),
        date(2026, 10, 10),
    )
    history = db.session.execute(
        select(AuditLog).where(AuditLog.ledger == "job_fair", AuditLog.row_id == fair.id)
    ).scalars()
    assert any("held_on" in str(entry.changes) for entry in history)
    met = db.session.execute(
        select(Deadline).where(Deadline.ledger == "job_fair", Deadline.step == "publish")
    ).scalar_one()
    assert met.status == "met"  # a met deadline is not moved
    assert met.due_on == date(2026, 10, 9)


def test_inbox__fair_receipts_then_fu04_followups_of_own_territory(
    app: Flask, login: Any, today: Any
) -> None:
    unit, other = first_community("仁和镇"), first_community("后沙峪镇")
    fair = make_fair(unit.id, accepted_on="2026-09-20", held_on="2026-09-30")
    with acting_as(app.appbuilder.sm.find_user(username="qu_jingban")):
        rows = {
            name: ledger.create(
                JobFairParticipation,
                {"org_id": org.id, "fair_id": fair.id, "employer_id": make_employer(org.id).id, **extra},
            )
            for name, org, extra in (
                ("pending", unit, {}),
                ("answered", unit, {"receipt_on": "2026-10-09"}),
                ("called", unit, {"followup_note": "电话回访：已招2人，回执补交中"}),
                ("elsewhere", other, {}),
            )
        }
        db.session.commit()
    urls = {name: f"/ledger/job_fair_participation/show/{row.id}" for name, row in rows.items()}

    def items(username: str, day: date) -> list[Any]:
        with app.test_request_context():
            found = receipt_items(app.appbuilder.sm.find_user(username=username), day)
        return [item for item in found if item.url in urls.values()]

    assert items("qu_jingban", date(2026, 10, 5)) == []  # due 10-13: more than a week ahead
    due = items("qu_jingban", date(2026, 10, 13))
    assert {i.url for i in due} == {urls["pending"], urls["elsewhere"]}
    assert {(i.title, i.due_on) for i in due} == {("回执待收回（洽谈会后5个工作日内）", date(2026, 10, 13))}
    late = items("qu_jingban", date(2026, 10, 14))
    assert {i.title for i in late} == {"回访未交回执的参会单位"} and late[0].overdue(date(2026, 10, 14))
    assert items("renhe_jingban", date(2026, 10, 14)) == []  # FU-04 is the district's
    assert items("ducha", date(2026, 10, 14)) == []  # the inspector writes no ledger
