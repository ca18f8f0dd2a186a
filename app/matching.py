"""人岗匹配 queries (issue 6 item 5): the open vacancies for a job seeker, the job seekers for a vacancy.

SQL pre-filters the candidates — published vacancies valid today (or registrations valid today), not voided,
the hard requirements the vacancy states (minimum education, age range), and at least one of occupation or
category in common — and fetches only the columns the score reads; app/rules/matching.py scores them in
Python and the best `limit` rows are loaded for display. That load fetches the person (and the employer)
in a second IN query (selectinload), not by the models' joined eager load: SQLite plans
`job_seeker LEFT OUTER JOIN (person JOIN org_unit)` by materializing the whole person table (10 s at
250,000 persons, bench/matching.py).

Who sees what: vacancies are public information, so any clerk matches a seeker against every published
vacancy of the district; job seekers are personal data, so a vacancy is matched against the registrations
inside the clerk's territory only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, literal, or_, select
from sqlalchemy.orm import selectinload

from app import ledger
from app.rules import matching as rules
from app.security.scope import scope_query
from models.org import OrgUnit
from models.person import Person
from models.seekers import JobSeeker
from models.vacancy import Vacancy

LIMIT = 50
CANDIDATES = 2000  # at most this many rows are scored per query


@dataclass
class Match:
    row: Any  # a Vacancy or a JobSeeker
    score: rules.Score


def town_of_units() -> dict[int, int]:
    """org unit id → the id of its street/town (the unit itself for a town; none above the towns)."""
    units = ledger.session().execute(select(OrgUnit.id, OrgUnit.level, OrgUnit.parent_id)).all()
    parent = {unit_id: parent_id for unit_id, _level, parent_id in units}
    level = {unit_id: unit_level for unit_id, unit_level, _parent in units}
    towns: dict[int, int] = {}
    for unit_id in parent:
        current: int | None = unit_id
        while current is not None and level.get(current) not in ("town", "district", None):
            current = parent.get(current)
        if current is not None and level.get(current) == "town":
            towns[unit_id] = current
    return towns


def like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def relevance(occupation_column: Any, category_column: Any, occupation: str, category: str | None) -> Any:
    """Occupation in common (either contains the other) or the same category; None when nothing to match."""
    occupation = (occupation or "").strip()
    conditions = []
    if occupation:
        conditions.append(occupation_column.like(like(occupation), escape="\\"))
        conditions.append(and_(occupation_column != "", literal(occupation).contains(occupation_column)))
    if category:
        conditions.append(category_column == category)
    return or_(*conditions) if conditions else None


def seeker_profile(seeker: JobSeeker, towns: dict[int, int]) -> rules.Seeker:
    person = seeker.person
    return rules.Seeker(
        occupation=seeker.intended_occupation or "",
        category=seeker.intended_category,
        wage_min=seeker.wage_expected_min,
        wage_max=seeker.wage_expected_max,
        education=person.education,
        birth_date=person.birth_date,
        town_id=seeker.preferred_town_id or towns.get(seeker.org_id),
        skill_level=seeker.skill_level or person.skill_level,
    )


VACANCY_COLUMNS = (
    Vacancy.id,
    Vacancy.occupation,
    Vacancy.category,
    Vacancy.wage_min,
    Vacancy.wage_max,
    Vacancy.education,
    Vacancy.age_min,
    Vacancy.age_max,
    Vacancy.work_town_id,
    Vacancy.org_id,
    Vacancy.skill_level,
)


def post_of(row: Any, towns: dict[int, int]) -> rules.Post:
    return rules.Post(
        occupation=row.occupation or "",
        category=row.category,
        wage_min=row.wage_min,
        wage_max=row.wage_max,
        education=row.education,
        age_min=row.age_min,
        age_max=row.age_max,
        town_id=row.work_town_id or towns.get(row.org_id),
        skill_level=row.skill_level,
    )


def vacancies_for(seeker: JobSeeker, today: date, limit: int = LIMIT) -> list[Match]:
    """The published vacancies of the whole district valid today, best first."""
    towns = town_of_units()
    profile = seeker_profile(seeker, towns)
    query = select(*VACANCY_COLUMNS).where(
        Vacancy.state == "published",
        Vacancy.voided_at.is_(None),
        Vacancy.valid_from <= today,
        Vacancy.valid_until >= today,
    )
    if profile.education:
        level = rules.EDUCATION_LEVEL.get(profile.education, 0)
        meets = [code for code, other in rules.EDUCATION_LEVEL.items() if other <= level]
        query = query.where(or_(Vacancy.education.is_(None), Vacancy.education.in_(meets)))
    if profile.birth_date is not None:
        age = rules.age_on(profile.birth_date, today)
        query = query.where(
            or_(Vacancy.age_min.is_(None), Vacancy.age_min <= age),
            or_(Vacancy.age_max.is_(None), Vacancy.age_max >= age),
        )
    condition = relevance(Vacancy.occupation, Vacancy.category, profile.occupation, profile.category)
    if condition is None:
        return []
    rows = ledger.session().execute(query.where(condition).order_by(Vacancy.id).limit(CANDIDATES)).all()
    ranked = rules.rank(
        rows, lambda row: rules.score(profile, post_of(row, towns), today), lambda row: row.id, limit
    )
    return matches(ranked, Vacancy, Vacancy.employer)


SEEKER_COLUMNS = (
    JobSeeker.id,
    JobSeeker.intended_occupation,
    JobSeeker.intended_category,
    JobSeeker.wage_expected_min,
    JobSeeker.wage_expected_max,
    JobSeeker.preferred_town_id,
    JobSeeker.org_id,
    JobSeeker.skill_level,
    Person.education,
    Person.birth_date,
    Person.skill_level.label("person_skill"),
)


def profile_of(row: Any, towns: dict[int, int]) -> rules.Seeker:
    return rules.Seeker(
        occupation=row.intended_occupation or "",
        category=row.intended_category,
        wage_min=row.wage_expected_min,
        wage_max=row.wage_expected_max,
        education=row.education,
        birth_date=row.birth_date,
        town_id=row.preferred_town_id or towns.get(row.org_id),
        skill_level=row.skill_level or row.person_skill,
    )


def seekers_for(vacancy: Vacancy, today: date, user: Any, limit: int = LIMIT) -> list[Match]:
    """The registrations valid today inside the user's territory, best first."""
    towns = town_of_units()
    post = post_of(vacancy, towns)
    query = (
        select(*SEEKER_COLUMNS)
        .join(Person, Person.id == JobSeeker.person_id)
        .where(
            JobSeeker.voided_at.is_(None),
            JobSeeker.registered_on <= today,
            or_(JobSeeker.valid_until.is_(None), JobSeeker.valid_until >= today),
            Person.voided_at.is_(None),
        )
    )
    if vacancy.education:
        query = query.where(Person.education.in_(rules.education_codes_meeting(vacancy.education)))
    if vacancy.age_min is not None:  # at least age_min years old today: born on or before today - age_min
        query = query.where(Person.birth_date <= shift_years(today, -vacancy.age_min))
    if vacancy.age_max is not None:  # at most age_max: born after today - (age_max + 1) years
        query = query.where(Person.birth_date > shift_years(today, -(vacancy.age_max + 1)))
    condition = relevance(
        JobSeeker.intended_occupation, JobSeeker.intended_category, vacancy.occupation, vacancy.category
    )
    if condition is None:
        return []
    query = scope_query(query.where(condition), JobSeeker, user).order_by(JobSeeker.id).limit(CANDIDATES)
    rows = ledger.session().execute(query).all()
    ranked = rules.rank(
        rows, lambda row: rules.score(profile_of(row, towns), post, today), lambda row: row.id, limit
    )
    return matches(ranked, JobSeeker, JobSeeker.person)


def shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def matches(ranked: list[tuple[Any, Any]], model: Any, shown: Any) -> list[Match]:
    """The ranked rows as full records, with the related record the page shows loaded by a separate select
    (a joined load nests person/employer joins that SQLite materializes whole)."""
    ids = [row.id for row, _score in ranked]
    query = select(model).options(selectinload(shown)).where(model.id.in_(ids))
    loaded = {record.id: record for record in ledger.session().execute(query).scalars()}
    return [Match(loaded[row.id], score) for row, score in ranked]
