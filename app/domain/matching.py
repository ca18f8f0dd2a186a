"""人岗匹配 queries (issue 6 item 5): the open vacancies for a job seeker, the job seekers for a vacancy.

SQL pre-filters the candidates — published vacancies valid today (or registrations valid today), not voided,
the hard requirements the vacancy states (minimum education, age range), and at least one of occupation or
category in common — and returns only the columns the score reads, best first: by the points of the
occupation, category, wage and town parts of the score, computed in SQL (app/domain/matching_points.py), then by
id. Python (app/rules/matching.py) scores them as they stream in and stops reading once the next row cannot
reach the `limit`-th score so far (its SQL points plus the full weight of education, age and skill), so the
ranking is the one of scoring every candidate and the rows left are never fetched; at most CANDIDATES rows
are read, the highest SQL points first, so the cap drops the weakest. Only the best `limit` rows are loaded
as records for display, their person (or employer and work town) by a second IN query (selectinload), not
by the models' joined eager load: SQLite plans `job_seeker LEFT OUTER JOIN (person JOIN org_unit)` by
materializing the whole person table (10 s at 250,000 persons, bench/matching.py).

Who sees what: vacancies are public information, so any clerk matches a seeker against every published
vacancy of the district; job seekers are personal data, so a vacancy is matched against the registrations
inside the clerk's territory only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app import ledger
from app.domain import matching_points as in_sql
from app.rules import matching as rules
from app.security.scope import scope_query
from models.job_seeker import JobSeeker
from models.org import OrgUnit
from models.person import Person
from models.vacancy import Vacancy

LIMIT = 50
CANDIDATES = 2000  # at most this many rows are scored per query
BATCH = 200  # rows fetched at a time while scoring


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


def upper_bound(row: Any) -> int:
    """The most a candidate can score: its SQL points plus the full weight of the parts scored in Python."""
    return row.points + in_sql.UNSCORED


def best_first(query: Any, sql_points: Any, id_column: Any) -> Any:
    """The candidates with their SQL points, most points first, equal points by id."""
    labeled = sql_points.label("points")
    return query.add_columns(labeled).order_by(labeled.desc(), id_column)


def candidates(query: Any) -> Iterator[Any]:
    """The pre-filtered rows in the query's order, at most CANDIDATES, fetched BATCH at a time as they are
    read: the rows left unread once the ranking is settled are never sent."""
    result = ledger.session().execute(query.limit(CANDIDATES).execution_options(yield_per=BATCH))
    with closing(result):
        yield from result.partitions()


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
    condition = in_sql.relevance(Vacancy.occupation, Vacancy.category, profile.occupation, profile.category)
    if condition is None:
        return []
    query = best_first(query.where(condition), in_sql.vacancy_points(profile, towns), Vacancy.id)
    rows = chain.from_iterable(candidates(query))

    def score_of(row: Any) -> rules.Score:
        return rules.score(profile, post_of(row, towns), today)

    best = rules.rank(rows, score_of, lambda row: row.id, limit, bound=upper_bound)
    return matches([(row.id, score) for row, score in best], Vacancy, Vacancy.employer, Vacancy.work_town)


SEEKER_COLUMNS = (
    JobSeeker.id,
    JobSeeker.person_id,
    JobSeeker.intended_occupation,
    JobSeeker.intended_category,
    JobSeeker.wage_expected_min,
    JobSeeker.wage_expected_max,
    JobSeeker.preferred_town_id,
    JobSeeker.org_id,
    JobSeeker.skill_level,
)
PERSON_COLUMNS = (Person.id, Person.education, Person.birth_date, Person.skill_level)


def profile_of(row: Any, person: Any, towns: dict[int, int]) -> rules.Seeker:
    return rules.Seeker(
        occupation=row.intended_occupation or "",
        category=row.intended_category,
        wage_min=row.wage_expected_min,
        wage_max=row.wage_expected_max,
        education=person.education,
        birth_date=person.birth_date,
        town_id=row.preferred_town_id or towns.get(row.org_id),
        skill_level=row.skill_level or person.skill_level,
    )


def seekers_for(vacancy: Vacancy, today: date, user: Any, limit: int = LIMIT) -> list[Match]:
    """The registrations valid today inside the user's territory, best first.

    The registrations are ordered alone (a join would look up the person of every candidate before the
    sort: 13,000 lookups at district scale); the persons of each batch read are then fetched with the
    vacancy's hard requirements, and a registration whose person fails them is dropped."""
    towns = town_of_units()
    post = post_of(vacancy, towns)
    condition = in_sql.relevance(
        JobSeeker.intended_occupation, JobSeeker.intended_category, vacancy.occupation, vacancy.category
    )
    if condition is None:
        return []
    query = select(*SEEKER_COLUMNS).where(
        JobSeeker.voided_at.is_(None),
        JobSeeker.registered_on <= today,
        func.coalesce(JobSeeker.valid_until, today) >= today,  # one range for ix_job_seeker_matching
        condition,
    )
    query = best_first(scope_query(query, JobSeeker, user), in_sql.seeker_points(post, towns), JobSeeker.id)
    pairs = with_persons(candidates(query), person_requirements(vacancy, today))

    def score_of(pair: tuple[Any, Any]) -> rules.Score:
        return rules.score(profile_of(*pair, towns), post, today)

    best = rules.rank(
        pairs, score_of, lambda pair: pair[0].id, limit, bound=lambda pair: upper_bound(pair[0])
    )
    return matches([(row.id, score) for (row, _person), score in best], JobSeeker, JobSeeker.person)


def person_requirements(vacancy: Vacancy, today: date) -> list[Any]:
    """The vacancy's hard requirements on the person: not voided, minimum education, age range."""
    conditions: list[Any] = [Person.voided_at.is_(None)]
    if vacancy.education:
        conditions.append(Person.education.in_(rules.education_codes_meeting(vacancy.education)))
    if vacancy.age_min is not None:  # at least age_min years old today: born on or before today - age_min
        conditions.append(Person.birth_date <= shift_years(today, -vacancy.age_min))
    if vacancy.age_max is not None:  # at most age_max: born after today - (age_max + 1) years
        conditions.append(Person.birth_date > shift_years(today, -(vacancy.age_max + 1)))
    return conditions


def with_persons(batches: Iterable[list[Any]], requirements: list[Any]) -> Iterator[tuple[Any, Any]]:
    """(registration, person) for the registrations whose person meets the requirements, in order: one
    query per batch."""
    for batch in batches:
        ids = {row.person_id for row in batch}
        query = select(*PERSON_COLUMNS).where(Person.id.in_(ids), *requirements)
        persons = {person.id: person for person in ledger.session().execute(query)}
        yield from ((row, persons[row.person_id]) for row in batch if row.person_id in persons)


def shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def matches(best: list[tuple[int, rules.Score]], model: Any, *shown: Any) -> list[Match]:
    """The ranked ids as full records, with the related records the page shows loaded by separate selects
    (a joined load nests person/employer joins that SQLite materializes whole)."""
    ids = [row_id for row_id, _score in best]
    query = select(model).options(*(selectinload(related) for related in shown)).where(model.id.in_(ids))
    loaded = {record.id: record for record in ledger.session().execute(query).scalars()}
    return [Match(loaded[row_id], score) for row_id, score in best]
