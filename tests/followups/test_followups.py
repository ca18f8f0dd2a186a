"""跟踪回访: a rule's transition creates the first follow-up, a recorded result schedules the next one by
R-67's stability class, and the inbox lists due follow-ups of the user's territory only."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app import db, followups, ledger
from app.followups import followup_items
from app.security.scope import acting_as
from models.followup import FollowUp
from tests.conftest import first_community
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN
from tests.ledgers.test_followup import person_in

TODAY = date(2026, 11, 20)


class AssistanceCase:
    """Stands in for a hard-to-employ case (the lead's ledger): what the hook reads from a record."""

    __ledger__ = "hard_to_employ"

    def __init__(self, person_id: int, org_id: int) -> None:
        self.id, self.person_id, self.org_id = 7, person_id, org_id


class Event:
    def __init__(self, on_date: date) -> None:
        self.on_date = on_date


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr("app.clock.today", lambda: TODAY)
    return TODAY


def user(app: Flask, name: str) -> Any:
    return app.appbuilder.sm.find_user(username=name)


def employment_registered(app: Flask, town: str = HOME_TOWN) -> FollowUp:
    """FU-11's trigger fired on a case in the first community of `town`, by that community's clerk."""
    unit = first_community(town)
    case = AssistanceCase(person_in(unit.id, 0), unit.id)
    clerk = "renhe_shequ" if town == HOME_TOWN else "houshayu_shequ"
    with acting_as(user(app, clerk)):
        followups.on_transition(case, "register_employment", Event(date(2026, 11, 2)))
        db.session.commit()
    return db.session.execute(select(FollowUp).where(FollowUp.org_id == unit.id)).scalar_one()


def test_transition__fu11_trigger_creates_first_followup_7_days_later(app: Flask) -> None:
    row = employment_registered(app)
    assert (row.rule, row.due_on, row.done_on) == ("FU-11", date(2026, 11, 9), None)
    assert (row.subject_ledger, row.subject_row_id, row.org_id) == ("hard_to_employ", 7, row.person.org_id)


def test_transition__other_transitions_create_nothing(app: Flask) -> None:
    unit = first_community(HOME_TOWN)
    with acting_as(user(app, "renhe_shequ")):
        followups.on_transition(AssistanceCase(person_in(unit.id, 0), unit.id), "close", Event(TODAY))
    assert db.session.execute(select(FollowUp)).first() is None


@pytest.mark.parametrize(
    ("stability", "next_due"),
    [("1", date(2026, 12, 10)), ("2", date(2026, 11, 20)), ("3", date(2026, 11, 17))],
)
def test_record_result__next_followup_by_stability(app: Flask, stability: str, next_due: date) -> None:
    row = employment_registered(app)
    values = {"done_on": date(2026, 11, 10), "method": "1", "result": "在岗稳定", "stability": stability}
    with acting_as(user(app, "renhe_shequ")):
        ledger.update(row, values, row.version)
        db.session.commit()
    assert row.next_due_on == next_due
    rows = db.session.execute(select(FollowUp).order_by(FollowUp.id)).scalars().all()
    assert [(r.due_on, r.done_on, r.rule) for r in rows[1:]] == [(next_due, None, "FU-11")]


def test_record_result__earlier_date_kept_later_refused_stability_required(app: Flask) -> None:
    row = employment_registered(app)
    done = {"done_on": date(2026, 11, 10), "method": "2", "result": "已走访"}
    with acting_as(user(app, "renhe_shequ")):
        for extra, field in [
            ({}, "stability"),
            ({"stability": "2", "next_due_on": date(2026, 11, 25)}, "next_due_on"),
        ]:
            with pytest.raises(ledger.LedgerError) as refused:
                ledger.update(row, {**done, **extra}, row.version)
            assert field in refused.value.errors
            db.session.rollback()
        ledger.update(row, {**done, "stability": "2", "next_due_on": date(2026, 11, 15)}, row.version)
        db.session.commit()
    dues = db.session.execute(select(FollowUp.due_on).order_by(FollowUp.id)).scalars().all()
    assert dues == [date(2026, 11, 9), date(2026, 11, 15)]


def test_form_edit__result_recorded_by_clerk_schedules_next(app: Flask, login: Any) -> None:
    row = employment_registered(app)
    client = login("renhe_shequ")
    form = {
        "person_id": row.person_id,
        "rule": "FU-11",
        "due_on": "2026-11-09",
        "done_on": "2026-11-10",
        "method": "1",
        "result": "工作稳定",
        "stability": "1",
        "row_version": row.version,
    }
    response = client.post(f"/ledger/followup/edit/{row.id}", data=form)
    assert response.status_code == 302, response.data.decode()[:2000]
    assert db.session.execute(select(FollowUp.due_on).where(FollowUp.id != row.id)).scalar_one() == date(
        2026, 12, 10
    )


def test_inbox__due_followups_of_own_territory_only(app: Flask, today: date) -> None:
    mine, theirs = employment_registered(app, HOME_TOWN), employment_registered(app, OTHER_TOWN)
    with app.test_request_context():
        renhe = followup_items(user(app, "renhe_shequ"), today)
        houshayu = followup_items(user(app, "houshayu_jingban"), today)
        district = followup_items(user(app, "qu_jingban"), today)
        inspector = followup_items(user(app, "ducha"), today)
    assert [i.url for i in renhe] == [f"/ledger/followup/show/{mine.id}"]
    assert renhe[0].overdue(today) and renhe[0].kind == "followup" and renhe[0].subject == mine.person.name
    assert [i.url for i in houshayu] == [f"/ledger/followup/show/{theirs.id}"]
    assert len(district) == 2 and inspector == []


def test_inbox__not_yet_due_and_done_followups_not_listed(app: Flask) -> None:
    row = employment_registered(app)
    with app.test_request_context():
        assert followup_items(user(app, "renhe_shequ"), date(2026, 11, 1)) == []  # due in 8 days
        assert len(followup_items(user(app, "renhe_shequ"), date(2026, 11, 2))) == 1  # due in 7 days
    with acting_as(user(app, "renhe_shequ")):
        ledger.update(row, {"done_on": date(2026, 11, 9), "result": "已回访", "stability": "1"}, row.version)
        db.session.commit()
    with app.test_request_context():
        assert [i.due_on for i in followup_items(user(app, "renhe_shequ"), TODAY)] == []  # next due 12-09
