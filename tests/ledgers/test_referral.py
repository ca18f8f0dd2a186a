"""推荐记录台账: the generic ledger tests, plus R-58 (accompanied), the referral count, the follow-ups of
R-54..R-59 on the working-day calendar, the letter and the roster, the matching pages and scoping."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from docx import Document
from flask import Flask
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from app import db, ledger
from app.security.scope import acting_as
from models.job_seeker import GuidanceSession, JobSeeker
from models.referral import Referral
from models.vacancy import Vacancy
from tests.conftest import first_community, followups_of, org
from tests.factories.employer import make_employer
from tests.factories.job_seeker import register
from tests.factories.person import make_person
from tests.factories.referral import TODAY, published_vacancy, seeker_in, user
from tests.factories.vacancy import vacancy_values
from tests.ledgers.case import LedgerCase


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> dict[str, date]:
    clock = {"today": TODAY}
    monkeypatch.setattr("app.clock.today", lambda: clock["today"])
    return clock


def refer(seeker: JobSeeker, vacancy: Vacancy, clerk: str = "renhe_jingban", **values: Any) -> Referral:
    with acting_as(user(clerk)):
        row = ledger.create(
            Referral,
            {
                "org_id": seeker.org_id,
                "job_seeker_id": seeker.id,
                "vacancy_id": vacancy.id,
                "direction": "1",
                "referred_on": TODAY,
                **values,
            },
        )
        db.session.commit()
    return row


class TestReferral(LedgerCase):
    ledger = "referral"
    change = {"interview_place": "仁和镇社保所三楼"}
    invalid_values = [
        ({"direction": "9"}, "direction"),
        ({"referred_on": "2099-01-01"}, "referred_on"),
        ({"interview_on": "2026-09-01"}, "interview_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        seeker = seeker_in(org_id)
        vacancy = published_vacancy(org_id, n)
        return {
            "org_id": org_id,
            "job_seeker_id": seeker.id,
            "job_seeker": seeker.id,
            "vacancy_id": vacancy.id,
            "vacancy": vacancy.id,
            "direction": "1",
            "referred_on": (TODAY).isoformat(),
            "interview_on": "2026-10-22",
        }


def test_referral__person_employer_and_count_follow_the_references(app: Flask) -> None:
    seeker = seeker_in(first_community("仁和镇").id)
    vacancy = published_vacancy(first_community("后沙峪镇").id)  # another town's vacancy: public
    row = refer(seeker, vacancy)
    assert (row.person_id, row.employer_id) == (seeker.person_id, vacancy.employer_id)
    db.session.expire_all()
    assert db.session.get(JobSeeker, seeker.id).referral_count == 1
    with pytest.raises(ledger.LedgerError) as twice:
        refer(seeker, vacancy)
    db.session.rollback()
    assert "vacancy_id" in twice.value.errors


def test_referral__difficult_seeker_must_be_accompanied_r58(app: Flask) -> None:
    seeker = seeker_in(first_community("仁和镇").id, seeker_class="2", hardship_reason="3")
    vacancy = published_vacancy(seeker.org_id)
    with pytest.raises(ledger.LedgerError) as refused:
        refer(seeker, vacancy)
    db.session.rollback()
    assert "accompanied" in refused.value.errors
    assert refer(seeker, vacancy, accompanied=True).accompanied


def test_referral__unpublished_vacancy_refused(app: Flask) -> None:
    unit = first_community("仁和镇")
    employer = make_employer(unit.id)
    with acting_as(user("qu_jingban")):
        pending = ledger.create(Vacancy, vacancy_values(employer.id, unit.id))
        db.session.commit()
    with pytest.raises(ledger.LedgerError) as refused:
        refer(seeker_in(unit.id), pending)
    db.session.rollback()
    assert "vacancy_id" in refused.value.errors


def test_followups__due_dates_on_the_working_day_calendar(app: Flask, frozen_today: Any) -> None:
    """Referred on 2026-09-30 (before the National Day holiday 10-01..10-07, 10-10 a make-up Saturday)."""
    frozen_today["today"] = date(2026, 9, 30)
    community = first_community("仁和镇")
    difficult = seeker_in(community.id, seeker_class="2", hardship_reason="3")
    vacancy = published_vacancy(community.id)
    counter = refer(
        difficult,
        vacancy,
        referred_on=date(2026, 9, 30),
        at_counter=True,
        accompanied=True,
        interview_on=date(2026, 9, 30),
    )
    assert followups_of(counter) == {"FU-01": date(2026, 10, 30), "FU-05": date(2026, 10, 13)}
    employer_side = refer(seeker_in(community.id), vacancy, referred_on=date(2026, 9, 30), direction="2")
    assert followups_of(employer_side) == {"FU-07": date(2026, 10, 15)}  # community unit: 社区 rule
    town_seeker = register(
        make_person(org("仁和镇").id), date(2026, 9, 1), user="qu_jingban", org_id=org("仁和镇").id
    )
    town_side = refer(town_seeker, vacancy, referred_on=date(2026, 9, 30), direction="2")
    assert followups_of(town_side) == {"FU-06": date(2026, 10, 15)}


def test_followup__interview_recorded_later_schedules_fu05(app: Flask) -> None:
    seeker = seeker_in(first_community("仁和镇").id, seeker_class="2", hardship_reason="1")
    row = refer(seeker, published_vacancy(seeker.org_id), accompanied=True)
    assert followups_of(row) == {}
    with acting_as(user("renhe_jingban")):
        ledger.update(row, {"interview_on": date(2026, 10, 20)}, row.version)
        db.session.commit()
    assert followups_of(row) == {"FU-05": date(2026, 10, 27)}


def test_followup__expert_guidance_fu03(app: Flask) -> None:
    person = make_person(first_community("仁和镇").id)
    with acting_as(user("renhe_jingban")):
        values = {"org_id": person.org_id, "person_id": person.id, "counsellor_name": "王专家"}
        expert = ledger.create(GuidanceSession, {**values, "held_on": date(2026, 9, 30), "mode": "02"})
        general = ledger.create(GuidanceSession, {**values, "held_on": date(2026, 9, 30), "mode": "01"})
        db.session.commit()
    assert followups_of(expert) == {"FU-03": date(2026, 10, 20)}  # 10 working days, holiday skipped
    assert followups_of(general) == {}


def test_r55__third_referral_without_job_creates_the_diagnosis_task(app: Flask) -> None:
    seeker = seeker_in(first_community("仁和镇").id)
    rows = [refer(seeker, published_vacancy(seeker.org_id, n)) for n in range(4)]
    outcomes = ["2", "1", "3", "2"]  # the 2nd found a job: not counted
    tasks = []
    for row, outcome in zip(rows, outcomes, strict=True):
        with acting_as(user("renhe_jingban")):
            ledger.update(row, {"outcome": outcome, "outcome_on": TODAY}, row.version)
            db.session.commit()
        tasks.append("FU-02" in followups_of(row))
    assert tasks == [False, False, False, True]
    assert followups_of(rows[3])["FU-02"] == TODAY


def test_letter_and_docx_and_roster(app: Flask, login: Any) -> None:
    seeker = seeker_in(first_community("仁和镇").id)
    vacancy = published_vacancy(seeker.org_id)
    row = refer(seeker, vacancy, interview_on=date(2026, 10, 22), interview_place="仁和镇社保所")
    client = login("renhe_jingban")
    page = client.get(f"/ledger/referral/letter/{row.id}").data.decode()
    name, employer = row.person.name, vacancy.employer.name
    assert name in page and employer in page and vacancy.occupation in page and "仁和镇社保所" in page
    word = client.get(f"/ledger/referral/letter_docx/{row.id}")
    text = "\n".join(p.text for p in Document(io.BytesIO(word.data)).paragraphs)
    assert name in text and employer in text and vacancy.occupation in text
    sheet = client.get(f"/ledger/referral/roster/{vacancy.id}")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.data)).get_sheet_by_index(0).to_python()
    assert employer in rows[0][0] and rows[2][1] == "姓名" and rows[3][1] == name
    show = client.get(f"/ledger/vacancy/show/{vacancy.id}").data.decode()
    assert f"/matching/vacancy/{vacancy.id}" in show and f"/ledger/referral/roster/{vacancy.id}" in show


def test_matching_page__ranks_district_vacancies_and_creates_referrals(app: Flask, login: Any) -> None:
    seeker = seeker_in(
        first_community("仁和镇").id, intended_occupation="电工", wage_expected_min=6000, skill_level="4"
    )
    best = published_vacancy(first_community("后沙峪镇").id, occupation="电工", wage_max=8000)
    weaker = published_vacancy(seeker.org_id, occupation="维修电工", wage_max=5000)
    unrelated = published_vacancy(seeker.org_id, occupation="收银员", category="2")
    client = login("renhe_jingban")
    page = client.get(f"/matching/seeker/{seeker.id}").data.decode()
    assert page.index(f'value="{best.id}"') < page.index(f'value="{weaker.id}"')
    assert f'value="{unrelated.id}"' not in page and "同一街镇" in page
    response = client.post(f"/matching/seeker/{seeker.id}", data={"vacancy_id": [best.id, weaker.id]})
    assert response.status_code == 302
    made = db.session.execute(select(Referral).where(Referral.job_seeker_id == seeker.id)).scalars().all()
    assert sorted(r.vacancy_id for r in made) == sorted([best.id, weaker.id])


def test_matching_page__vacancy_side_only_own_territory_seekers(app: Flask, login: Any) -> None:
    vacancy = published_vacancy(first_community("仁和镇").id, occupation="电工", education=None)
    mine = seeker_in(first_community("仁和镇").id)
    theirs = seeker_in(first_community("后沙峪镇").id)
    client = login("renhe_jingban")
    page = client.get(f"/matching/vacancy/{vacancy.id}").data.decode()
    assert f'value="{mine.id}"' in page and f'value="{theirs.id}"' not in page
    # a town clerk cannot refer another town's seeker, by the page or the ledger
    assert (
        client.post(f"/matching/vacancy/{vacancy.id}", data={"job_seeker_id": [theirs.id]}).status_code == 404
    )
    assert client.get(f"/matching/seeker/{theirs.id}").status_code == 404
    with pytest.raises(ledger.LedgerError):
        refer(theirs, vacancy, clerk="renhe_jingban")
    db.session.rollback()
    assert (
        client.post(f"/matching/vacancy/{vacancy.id}", data={"job_seeker_id": [mine.id]}).status_code == 302
    )
    made = db.session.execute(select(Referral).where(Referral.vacancy_id == vacancy.id)).scalars().one()
    assert (made.job_seeker_id, made.direction) == (mine.id, "2")


def test_matching_page__counter_match_ticked_schedules_fu01(app: Flask, login: Any) -> None:
    """R-54: a match made at the service counter (the box on the matching page) is followed up in 30 days;
    without the box no counter follow-up is scheduled."""
    seeker = seeker_in(first_community("仁和镇").id, intended_occupation="电工")
    at_counter = published_vacancy(seeker.org_id, occupation="电工")
    elsewhere = published_vacancy(seeker.org_id, 1, occupation="维修电工")
    client = login("renhe_jingban")
    assert 'name="at_counter"' in client.get(f"/matching/seeker/{seeker.id}").data.decode()
    posted = {"vacancy_id": [at_counter.id], "at_counter": "1"}
    assert client.post(f"/matching/seeker/{seeker.id}", data=posted).status_code == 302
    assert (
        client.post(f"/matching/seeker/{seeker.id}", data={"vacancy_id": [elsewhere.id]}).status_code == 302
    )
    made = {
        r.vacancy_id: r
        for r in db.session.execute(select(Referral).where(Referral.job_seeker_id == seeker.id)).scalars()
    }
    assert made[at_counter.id].at_counter and not made[elsewhere.id].at_counter
    assert followups_of(made[at_counter.id]) == {"FU-01": date(2026, 11, 19)}  # 30 days after 10-20
    assert followups_of(made[elsewhere.id]) == {}


def test_show_pages__references_read_as_the_records_they_name(app: Flask, login: Any) -> None:
    """The detail page names the employer, the person and the vacancy of a referral, not their ids."""
    seeker = seeker_in(first_community("仁和镇").id)
    vacancy = published_vacancy(seeker.org_id)
    row = refer(seeker, vacancy)
    client = login("renhe_jingban")
    page = client.get(f"/ledger/referral/show/{row.id}").data.decode()
    assert f"<td>{vacancy.employer.name}</td>" in page and f"<td>{row.person.name}</td>" in page
    assert f"<td>{vacancy.ledger_title()}</td>" in page
    listed = client.get("/ledger/referral/list/").data.decode()
    assert vacancy.ledger_title() in listed and "models.vacancy.Vacancy object" not in listed
    vacancy_page = client.get(f"/ledger/vacancy/show/{vacancy.id}").data.decode()
    assert f"<td>{vacancy.employer.name}</td>" in vacancy_page


def test_matching_button__only_for_roles_that_may_match(app: Flask, login: Any) -> None:
    unit = first_community("仁和镇")
    vacancy, seeker = published_vacancy(unit.id), seeker_in(unit.id)
    for username, offered in (("renhe_jingban", True), ("qu_shenhe", False), ("ducha", False)):
        client = login(username)
        pages = (f"/ledger/vacancy/show/{vacancy.id}", f"/ledger/job_seeker/show/{seeker.id}")
        links = (f"/matching/vacancy/{vacancy.id}", f"/matching/seeker/{seeker.id}")
        for page, link in zip(pages, links, strict=True):
            assert (link in client.get(page).data.decode()) == offered, (username, link)
            assert client.get(link).status_code == (200 if offered else 403), (username, link)
