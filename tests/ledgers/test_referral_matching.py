"""人岗匹配 queries (app/domain/matching.py, app/domain/matching_points.py) on the database: the candidate cap keeps the
best candidates whatever their ids, and the score parts computed in SQL agree with app/rules/matching.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask import Flask
from sqlalchemy import select

from app import db
from app.domain import matching
from app.domain import matching_points as in_sql
from app.rules import matching as rules
from models.job_seeker import JobSeeker
from models.vacancy import Vacancy
from tests.conftest import first_community
from tests.factories.referral import TODAY, published_vacancy, seeker_in, user

SQL_PARTS = ("occupation", "category", "wage", "town")
NO_PERSON = SimpleNamespace(education=None, birth_date=None, skill_level=None)  # parts scored in Python only


def sql_parts(score: rules.Score) -> int:
    return sum(points for name, points, _reason in score.parts if name in SQL_PARTS)


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two candidates read at most, one at a time."""
    monkeypatch.setattr(matching, "CANDIDATES", 2)
    monkeypatch.setattr(matching, "BATCH", 1)


def test_vacancies_for__cap_keeps_the_exact_occupation_match_with_the_highest_id(
    app: Flask, small_cap: None
) -> None:
    seeker = seeker_in(first_community("仁和镇").id, intended_occupation="电工", intended_category="3")
    same_category = [published_vacancy(seeker.org_id, n, occupation=f"焊工{n}", category="3") for n in (1, 2)]
    exact = published_vacancy(seeker.org_id, 3, occupation="电工", category="3")
    assert exact.id > max(vacancy.id for vacancy in same_category)
    found = matching.vacancies_for(seeker, TODAY)
    assert [match.row.id for match in found][:1] == [exact.id]
    assert found[0].score.parts[0][1] == rules.WEIGHTS["occupation"]


def test_seekers_for__cap_keeps_the_exact_occupation_match_with_the_highest_id(
    app: Flask, small_cap: None
) -> None:
    vacancy = published_vacancy(first_community("仁和镇").id, occupation="电工", category="3", education=None)
    same_category = [seeker_in(vacancy.org_id, intended_occupation="焊工") for _n in (1, 2)]
    exact = seeker_in(vacancy.org_id, intended_occupation="电工")
    assert exact.id > max(seeker.id for seeker in same_category)
    found = matching.seekers_for(vacancy, TODAY, user("qu_jingban"))
    assert [match.row.id for match in found][:1] == [exact.id]


def test_vacancies_for__same_ranking_as_scoring_every_candidate(app: Flask) -> None:
    """Reading stops early (the bound), yet the top N equal a full scoring of all candidates."""
    seeker = seeker_in(first_community("仁和镇").id, intended_occupation="电工", wage_expected_min=6000)
    for n, (occupation, wage_max) in enumerate(
        [("焊工", 9000), ("电工", 5000), ("维修电工", 9000), ("电工", 9000)]
    ):
        published_vacancy(seeker.org_id, n, occupation=occupation, wage_max=wage_max, education=None)
    everything = matching.vacancies_for(seeker, TODAY, limit=100)
    for limit in (1, 2, 3):
        top = matching.vacancies_for(seeker, TODAY, limit=limit)
        assert [(m.row.id, m.score.total) for m in top] == [(m.row.id, m.score.total) for m in everything][
            :limit
        ]


def test_sql_points__vacancies_equal_the_score_parts(app: Flask) -> None:
    towns = matching.town_of_units()
    home, elsewhere = first_community("仁和镇"), first_community("后沙峪镇")
    rows = [
        published_vacancy(home.id, 0, occupation="电工", wage_min=5000, wage_max=8000),
        published_vacancy(home.id, 1, occupation="维修电工", category="2", wage_min=5000, wage_max=5500),
        published_vacancy(elsewhere.id, 2, occupation="电", wage_min=3000, wage_max=None),
        published_vacancy(elsewhere.id, 3, occupation="焊工", wage_min=9000, wage_max=12000),
        published_vacancy(elsewhere.id, 4, occupation="电工", wage_min=None, wage_max=None),
        published_vacancy(elsewhere.id, 5, occupation="电工", work_town_id=towns[home.id], wage_min=4000),
    ]
    profiles = [
        rules.Seeker(occupation="电工", category="3", wage_min=6000, wage_max=8000, town_id=towns[home.id]),
        rules.Seeker(occupation="电工", category=None, wage_min=6000, wage_max=None, town_id=None),
        rules.Seeker(occupation="", category="3", wage_min=None, town_id=towns[elsewhere.id]),
        rules.Seeker(
            occupation="维修电工", category="2", wage_min=4500, wage_max=5000, town_id=towns[home.id]
        ),
    ]
    for profile in profiles:
        query = select(*matching.VACANCY_COLUMNS, in_sql.vacancy_points(profile, towns).label("points"))
        got = {
            row.id: row.points
            for row in db.session.execute(query.where(Vacancy.id.in_([r.id for r in rows])))
        }
        want = {r.id: sql_parts(rules.score(profile, matching.post_of(r, towns), TODAY)) for r in rows}
        assert got == want, profile


def test_sql_points__registrations_equal_the_score_parts(app: Flask) -> None:
    towns = matching.town_of_units()
    home, elsewhere = first_community("仁和镇"), first_community("后沙峪镇")
    seekers = [
        seeker_in(home.id, intended_occupation="电工", wage_expected_min=6000, wage_expected_max=7000),
        seeker_in(home.id, intended_occupation="维修电工", intended_category="2", wage_expected_min=8500),
        seeker_in(elsewhere.id, intended_occupation="电", wage_expected_min=None),
        seeker_in(elsewhere.id, intended_occupation="焊工", wage_expected_min=9500),
        seeker_in(
            elsewhere.id, intended_occupation="电工", preferred_town_id=towns[home.id], wage_expected_min=3000
        ),
    ]
    posts = [
        rules.Post(occupation="电工", category="3", wage_min=5000, wage_max=9000, town_id=towns[home.id]),
        rules.Post(occupation="电工", category=None, wage_min=8000, wage_max=None, town_id=None),
        rules.Post(occupation="", category="2", wage_min=None, wage_max=None, town_id=towns[elsewhere.id]),
        rules.Post(occupation="维修电工", category="3", wage_min=7500, wage_max=8000, town_id=towns[home.id]),
    ]
    ids = [seeker.id for seeker in seekers]
    for post in posts:
        query = select(*matching.SEEKER_COLUMNS, in_sql.seeker_points(post, towns).label("points"))
        got = {row.id: row.points for row in db.session.execute(query.where(JobSeeker.id.in_(ids)))}
        rows = db.session.execute(select(*matching.SEEKER_COLUMNS).where(JobSeeker.id.in_(ids)))
        want = {
            row.id: sql_parts(rules.score(matching.profile_of(row, NO_PERSON, towns), post, TODAY))
            for row in rows
        }
        assert got == want, post
