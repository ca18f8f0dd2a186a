"""跟踪回访: a rule's transition creates the first follow-up, a recorded result schedules the next one by
R-67's stability class, and the inbox lists due follow-ups of the user's territory only."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from app import db, ledger
from app.security.scope import acting_as
from app.services import followups
from app.services.followups import followup_items
from models.followup import FollowUp
from tests.conftest import first_community
from tests.factories.person import person_in
from tests.factories.si_subsidy import make_si_subsidy
from tests.factories.workflow import fire
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN

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
        "person": row.person_id,  # the form's person picker
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


# ---- FU-15 享受社保补贴人员后期跟踪 -----------------------------------------------------------------


def subsidy_started(app: Flask, login: Any, town: str, started: str) -> FollowUp:
    """A social-insurance subsidy of `town`'s first community, its deposit notified, started on `started`
    by the town clerk through the workflow API; the follow-up the step scheduled."""
    clerk = "renhe_jingban" if town == HOME_TOWN else "houshayu_jingban"
    case = make_si_subsidy(first_community(town).id, clerk)
    with acting_as(user(app, clerk)):
        case.state = "deposit_notified"  # the steps before are tested in tests/flows/si_subsidy
        db.session.commit()
    response = fire(login(clerk), "si_subsidy", case.id, "begin", date=started)
    assert response.status_code == 200, response.json
    query = select(FollowUp).where(
        FollowUp.subject_ledger == "si_subsidy", FollowUp.subject_row_id == case.id
    )
    row = db.session.execute(query).scalar_one()
    assert (row.person_id, row.org_id) == (case.person_id, case.org_id)
    return row


@pytest.mark.parametrize(
    ("started", "due"),
    [("2026-11-02", date(2026, 12, 2)), ("2026-10-31", date(2026, 11, 30))],  # calendar months, clamped
)
def test_transition__fu15_subsidy_start__town_clerk_gets_followup_a_month_later(
    app: Flask, login: Any, today: date, started: str, due: date
) -> None:
    row = subsidy_started(app, login, HOME_TOWN, started)
    assert (row.rule, row.due_on, row.done_on) == ("FU-15", due, None)


def test_transition__fu15_followup__listed_for_own_town_only_and_monthly_after_result(
    app: Flask, login: Any, today: date
) -> None:
    mine = subsidy_started(app, login, HOME_TOWN, "2026-10-09")
    theirs = subsidy_started(app, login, OTHER_TOWN, "2026-10-09")
    with app.test_request_context():
        renhe = followup_items(user(app, "renhe_jingban"), date(2026, 11, 2))  # due in 7 days
        community = followup_items(user(app, "renhe_shequ"), date(2026, 11, 2))
        early = followup_items(user(app, "renhe_jingban"), date(2026, 11, 1))
    assert [(i.url, i.due_on, i.subject) for i in renhe] == [
        (f"/ledger/followup/show/{mine.id}", date(2026, 11, 9), mine.person.name)
    ]
    assert "享受社保补贴人员后期跟踪" in renhe[0].title and len(community) == 1 and early == []
    page = login("renhe_jingban").get("/ledger/followup/list/").data.decode()
    assert f"/ledger/followup/show/{mine.id}" in page and f"/ledger/followup/show/{theirs.id}" not in page
    with acting_as(user(app, "renhe_jingban")):
        ledger.update(mine, {"done_on": date(2026, 11, 9), "method": "2", "result": "正常经营"}, mine.version)
        db.session.commit()
    assert mine.next_due_on == date(2026, 12, 9)  # 定期 read as monthly (seed/followup_rules.py)
    dues = db.session.execute(
        select(FollowUp.due_on).where(FollowUp.person_id == mine.person_id).order_by(FollowUp.id)
    )
    assert dues.scalars().all() == [date(2026, 11, 9), date(2026, 12, 9)]


def test_record_result__subject_ended__no_next_followup(app: Flask, login: Any, today: date) -> None:
    row = subsidy_started(app, login, HOME_TOWN, "2026-10-09")
    ended = fire(
        login("renhe_jingban"), "si_subsidy", row.subject_row_id, "end", date="2026-11-06", comment="已就业"
    )
    assert ended.status_code == 200, ended.json
    with acting_as(user(app, "renhe_jingban")):
        ledger.update(row, {"done_on": date(2026, 11, 9), "method": "1", "result": "已停止享受"}, row.version)
        db.session.commit()
    assert row.next_due_on is None  # the subsidy has ended: its monthly follow-ups stop
    assert db.session.execute(select(func.count(FollowUp.id))).scalar_one() == 1
