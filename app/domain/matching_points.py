"""The occupation, category, wage and town parts of the 人岗匹配 score (app/rules/matching.py) in SQL, so
app/domain/matching.py can order the candidates best-first and stop reading them early.

Each expression gives the points rules.score gives for that part (the ledger stores text stripped), or
more: SQLite's LIKE also ignores ASCII case. The parts left to Python (education, age, skill) are worth at
most UNSCORED points, so `points + UNSCORED` bounds a candidate's total (tests/unit/test_matching_points.py
checks the SQL against rules.score).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, literal, or_

from app.rules import matching as rules
from models.job_seeker import JobSeeker
from models.vacancy import Vacancy

WEIGHT = rules.WEIGHTS
UNSCORED = WEIGHT["education"] + WEIGHT["age"] + WEIGHT["skill"]
HALF_WAGE = WEIGHT["wage"] // 2


def like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def near(occupation_column: Any, occupation: str) -> Any:
    """The column's occupation contains `occupation` or is contained in it (the score's 相近)."""
    return or_(
        occupation_column.like(like(occupation), escape="\\"),
        and_(occupation_column != "", literal(occupation).contains(occupation_column)),
    )


def relevance(occupation_column: Any, category_column: Any, occupation: str, category: str | None) -> Any:
    """Occupation in common (either contains the other) or the same category; None when nothing to match."""
    occupation = (occupation or "").strip()
    conditions = []
    if occupation:
        conditions.append(near(occupation_column, occupation))
    if category:
        conditions.append(category_column == category)
    return or_(*conditions) if conditions else None


def occupation_and_category(
    occupation_column: Any, category_column: Any, occupation: str, category: str | None
) -> Any:
    occupation = (occupation or "").strip()
    points: Any = literal(0)
    if occupation:
        points = case(
            (occupation_column == occupation, WEIGHT["occupation"]),
            (near(occupation_column, occupation), WEIGHT["occupation"] // 2),
            else_=0,
        )
    if category:
        points = points + case((category_column == category, WEIGHT["category"]), else_=0)
    return points


def town(town_column: Any, org_column: Any, town_id: int | None, towns: dict[int, int]) -> Any:
    """Same street/town (the row's own town, else the town of its unit) or not; half when unknown."""
    if town_id is None:
        return literal(WEIGHT["town"] // 2)
    units = [unit for unit, unit_town in towns.items() if unit_town == town_id]
    same = or_(town_column == town_id, and_(town_column.is_(None), org_column.in_(units)))
    return case((same, WEIGHT["town"]), else_=WEIGHT["town"] // 2)


def vacancy_points(seeker: rules.Seeker, towns: dict[int, int]) -> Any:
    """The SQL parts of the score of each vacancy for one job seeker."""
    offered = func.coalesce(func.nullif(Vacancy.wage_max, 0), Vacancy.wage_min)
    wage: Any = literal(HALF_WAGE)
    if seeker.wage_min:
        above_range = [(Vacancy.wage_min > seeker.wage_max, WEIGHT["wage"])] if seeker.wage_max else []
        wage = case(
            (func.coalesce(offered, 0) == 0, HALF_WAGE),
            *above_range,
            (offered >= seeker.wage_min, WEIGHT["wage"]),
            (offered >= seeker.wage_min * rules.NEAR_WAGE, HALF_WAGE),
            else_=0,
        )
    return (
        occupation_and_category(Vacancy.occupation, Vacancy.category, seeker.occupation, seeker.category)
        + wage
        + town(Vacancy.work_town_id, Vacancy.org_id, seeker.town_id, towns)
    )


def seeker_points(post: rules.Post, towns: dict[int, int]) -> Any:
    """The SQL parts of the score of each registration for one vacancy."""
    offered = post.wage_max or post.wage_min
    wage: Any = literal(HALF_WAGE)
    if offered:
        expected, expected_max = JobSeeker.wage_expected_min, JobSeeker.wage_expected_max
        below_offer = (
            [(and_(expected_max != 0, expected_max < post.wage_min), WEIGHT["wage"])] if post.wage_min else []
        )
        wage = case(
            (func.coalesce(expected, 0) == 0, HALF_WAGE),
            *below_offer,
            (expected <= offered, WEIGHT["wage"]),
            (expected * rules.NEAR_WAGE <= offered, HALF_WAGE),
            else_=0,
        )
    return (
        occupation_and_category(
            JobSeeker.intended_occupation, JobSeeker.intended_category, post.occupation, post.category
        )
        + wage
        + town(JobSeeker.preferred_town_id, JobSeeker.org_id, post.town_id, towns)
    )
