"""Role rights (issue 14 items 5 and 12): reviewers and the third party fire their workflow steps and write
nothing else; the admin role reads personal data as the matrix of seed/roles.py says."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app import db
from app.security.access import user_may
from tests.conftest import first_community
from tests.factories.district_subsidy import apply, state_of
from tests.factories.person import make_person


def test_admin__reads_personal_data_unmasked(app: Flask, login: Any) -> None:
    person = make_person(first_community("仁和镇").id)
    admin = app.appbuilder.sm.find_user(username="admin")
    assert user_may(admin, "can_view", "PersonalData")
    shown = login("admin").get(f"/api/v1/person/{person.id}").json["result"]
    assert shown["id_number"] == person.id_number
    assert login("ducha").get(f"/api/v1/person/{person.id}").json["result"]["id_number"] != person.id_number


def test_reviewers__hold_the_step_permission_not_write(app: Flask) -> None:
    sm = app.appbuilder.sm
    for username, ledger_name in [
        ("qu_shenhe", "district_subsidy"),
        ("qu_shenhe", "welfare_payment"),
        ("qu_shenhe", "sms_batch"),
        ("disanfang", "district_subsidy"),
    ]:
        user = sm.find_user(username=username)
        assert user_may(user, "can_step", ledger_name), (username, ledger_name)
        assert not user_may(user, "can_write", ledger_name), (username, ledger_name)
    assert not user_may(sm.find_user(username="ducha"), "can_step", "district_subsidy")


def test_reviewer__fires_a_step_on_a_case_they_cannot_edit(app: Flask, login: Any) -> None:
    case = apply(app)
    db.session.execute(db.update(type(case)).where(type(case).id == case.id).values(state="first_reviewed"))
    db.session.commit()
    db.session.expire_all()
    case = db.session.get(type(case), case.id)
    reviewer = login("qu_shenhe")
    edit = reviewer.put(f"/api/v1/district_subsidy/{case.id}", json={"quantity": 9, "version": case.version})
    assert edit.status_code == 403
    step = reviewer.post(
        f"/api/v1/workflow/district_subsidy/{case.id}/second_review",
        json={"version": case.version, "comment": "复审通过"},
    )
    assert step.status_code == 200, step.json
    assert state_of(case.id) == "second_reviewed"
