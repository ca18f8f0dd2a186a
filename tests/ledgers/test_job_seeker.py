"""求职登记台账: the generic ledger tests, plus R-13 (age 16), R-14 (reason), the validity period, one live
registration per person, the person's page and the service handbook."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from models.job_seeker import JobSeeker
from models.person import Person
from tests.conftest import first_community, followups_of, org
from tests.factories.job_seeker import clerk, person_born, register
from tests.factories.person import make_person
from tests.ledgers.case import LedgerCase


def refusal(person: Person, registered_on: date, **values: Any) -> dict[str, str]:
    with pytest.raises(ledger.LedgerError) as refused:
        register(person, registered_on, **values)
    db.session.rollback()
    return {k: str(v) for k, v in refused.value.errors.items()}


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    day = date(2026, 12, 1)
    monkeypatch.setattr("app.clock.today", lambda: day)
    return day


class TestJobSeeker(LedgerCase):
    ledger = "job_seeker"
    change = {"intended_occupation": "保安"}
    invalid_values = [
        ({"seeker_class": "2"}, "hardship_reason"),  # a job seeker with difficulties needs the reason
        ({"registered_on": "2099-01-01"}, "registered_on"),
        ({"intended_occupation": ""}, "intended_occupation"),
        ({"wage_expected_min": "9000", "wage_expected_max": "3000"}, "wage_expected_max"),
        ({"intended_category": "7"}, "intended_category"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        person = make_person(org_id)
        return {
            "org_id": org_id,
            "person_id": person.id,
            "person": person.id,
            "name": person.name,
            "registered_on": date(2026, 9, 20 - n).isoformat(),
            "intended_occupation": "电工",
            "intended_category": "3",
            "wage_expected_min": 4000,
            "wage_expected_max": 6000,
            "seeker_class": "1",
            "preferred_town": org("后沙峪镇").id,  # an optional record select (form and API)
        }


def test_age__refused_the_day_before_the_16th_birthday_accepted_on_it(app: Flask, today: date) -> None:
    person = person_born(date(2010, 11, 27))
    errors = refusal(person, date(2026, 11, 26))
    assert "16" in errors["registered_on"] and "2010年11月27日" in errors["registered_on"]
    assert db.session.query(JobSeeker).count() == 0
    assert register(person, date(2026, 11, 27)).id is not None


def test_age__leap_day_birth_is_16_on_1_march(app: Flask, today: date) -> None:
    person = person_born(date(2008, 2, 29))
    assert "registered_on" in refusal(person, date(2024, 2, 28))
    assert register(person, date(2024, 3, 1)).registered_on == date(2024, 3, 1)


def test_class__reason_required_for_difficulties_and_refused_otherwise(app: Flask, today: date) -> None:
    person = person_born(date(1990, 5, 5))
    assert "hardship_reason" in refusal(person, date(2026, 11, 2), seeker_class="2")
    assert "hardship_reason" in refusal(person, date(2026, 11, 2), seeker_class="1", hardship_reason="3")
    row = register(person, date(2026, 11, 2), seeker_class="求职困难人员", hardship_reason="无工作经验")
    assert (row.seeker_class, row.hardship_reason) == ("2", "3")  # labels accepted like an import


def test_class__api_edit_to_difficulties_without_reason_refused(app: Flask, login: Any, today: date) -> None:
    row = register(person_born(date(1990, 5, 5)), date(2026, 11, 2))
    client = login("renhe_jingban")
    response = client.put(f"/api/v1/job_seeker/{row.id}", json={"seeker_class": "2", "version": row.version})
    assert response.status_code == 422 and "hardship_reason" in response.json["message"]


def test_validity__defaults_to_the_setting_months(app: Flask, today: date) -> None:
    row = register(person_born(date(1990, 5, 5)), date(2026, 8, 31))
    assert row.valid_until == date(2026, 11, 30)  # 3 months; November has no 31st
    app.config["JOB_SEEKER_VALID_MONTHS"] = 6
    other = register(person_born(date(1991, 5, 5)), date(2026, 3, 1))
    assert other.valid_until == date(2026, 9, 1)
    given = register(person_born(date(1992, 5, 5)), date(2026, 3, 1), valid_until=date(2026, 4, 30))
    assert given.valid_until == date(2026, 4, 30)


def test_one_live_registration__second_refused_until_the_first_ends(app: Flask, today: date) -> None:
    person = person_born(date(1990, 5, 5))
    first = register(person, date(2026, 10, 1))
    errors = refusal(person, date(2026, 11, 15))
    assert "2026年10月1日" in errors["registered_on"]
    other_town = person_born(date(1990, 5, 6))
    register(other_town, date(2026, 10, 1))  # another person is not affected
    with acting_as(clerk()):
        ledger.update(first, {"valid_until": date(2026, 11, 14)}, first.version)  # registration ended
        db.session.commit()
    second = register(person, date(2026, 11, 15))
    assert second.valid_until == date(2027, 2, 15)
    with acting_as(clerk()):  # and the first cannot be stretched over the second again
        with pytest.raises(ledger.LedgerError):
            ledger.update(first, {"valid_until": date(2026, 12, 31)}, first.version)


def test_one_live_registration__voided_one_does_not_count(app: Flask, today: date) -> None:
    person = person_born(date(1990, 5, 5))
    first = register(person, date(2026, 10, 1))
    with acting_as(clerk()):
        ledger.void(first, "登记有误")
        db.session.commit()
    assert register(person, date(2026, 10, 2)).id != first.id


def test_preferred_town__must_be_a_street_or_town(app: Flask, today: date) -> None:
    person = person_born(date(1990, 5, 5))
    community = first_community("后沙峪镇")
    assert "preferred_town_id" in refusal(person, date(2026, 11, 1), preferred_town_id=community.id)
    row = register(person, date(2026, 11, 1), preferred_town_id=org("后沙峪镇").id)
    assert row.preferred_town.name == "后沙峪镇"


def test_person_page__lists_registrations_and_handbook_in_order(app: Flask, login: Any, today: date) -> None:
    from models.job_seeker import GuidanceSession

    person = person_born(date(1990, 5, 5))
    register(person, date(2026, 10, 8), intended_occupation="仓库管理员")
    with acting_as(clerk()):
        ledger.create(
            GuidanceSession,
            {
                "org_id": person.org_id,
                "person_id": person.id,
                "held_on": date(2026, 10, 9),
                "mode": "12",
                "counsellor_name": "张指导",
                "advice": "模拟面试两次",
            },
        )
        db.session.commit()
    client = login("renhe_shequ")
    page = client.get(f"/ledger/person/show/{person.id}").data.decode()
    assert "求职登记台账" in page and "职业指导台账" in page and f"/handbook/{person.id}" in page
    handbook = client.get(f"/handbook/{person.id}").data.decode()
    assert "就业服务手册" in handbook
    assert handbook.index("仓库管理员") < handbook.index("模拟面试两次") < handbook.index("张指导")
    assert login("houshayu_jingban").get(f"/handbook/{person.id}").status_code == 404


def test_followup__community_registration_called_7_days_later_fu08(app: Flask, today: date) -> None:
    in_community = register(person_born(date(1990, 5, 1)), date(2026, 9, 28))
    at_town = register(person_born(date(1991, 5, 1)), date(2026, 9, 28), org_id=org("仁和镇").id)
    assert followups_of(in_community) == {
        "FU-08": date(2026, 10, 5)
    }  # 7 calendar days, holiday or not
    assert followups_of(at_town) == {}  # WF-87 is the community's 应聘指导
