"""信息发布 of vacancies (CATALOG E25, IP-05, R-92, R-94): the postings of a street/town that are on the
board today — published, valid today, not voided; filled and expired vacancies drop off. A vacancy is shown
in its work town, or, without one, in the town of the unit that registered it. The public fields carry no
personal data: no contact person, no personal phone (the service station's hotline is shown instead)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select

from app import codes
from app.ledger import session
from app.security.scope import subtree_ids
from models.org import OrgUnit
from models.vacancy import Vacancy


def town_by_code(code: str) -> OrgUnit | None:
    query = select(OrgUnit).where(OrgUnit.code == code, OrgUnit.level == "town", OrgUnit.active.is_(True))
    return session().execute(query).scalars().first()


def current_postings(town: OrgUnit, today: date) -> list[Vacancy]:
    query = (
        select(Vacancy)
        .where(
            Vacancy.state == "published",
            Vacancy.voided_at.is_(None),
            Vacancy.valid_from <= today,
            Vacancy.valid_until >= today,
            or_(
                Vacancy.work_town_id == town.id,
                and_(Vacancy.work_town_id.is_(None), Vacancy.org_id.in_(subtree_ids(town.path))),
            ),
        )
        .order_by(Vacancy.skill_talent.desc(), Vacancy.urgency, Vacancy.valid_until, Vacancy.id)
    )
    return list(session().execute(query).scalars())


def public_posting(vacancy: Vacancy) -> dict[str, Any]:
    """What a screen may show of a vacancy: the employer, the post and its requirements only."""
    ages = (vacancy.age_min, vacancy.age_max)
    return {
        "employer": vacancy.employer.name,
        "occupation": vacancy.occupation,
        "category": codes.label("vacancy_category", vacancy.category) if vacancy.category else "",
        "headcount": vacancy.headcount,
        "wage_min": vacancy.wage_min,
        "wage_max": vacancy.wage_max,
        "education": codes.label("education", vacancy.education) if vacancy.education else "",
        "age_min": ages[0],
        "age_max": ages[1],
        "skill_level": codes.label("skill_level", vacancy.skill_level) if vacancy.skill_level else "",
        "skill_talent": vacancy.skill_talent,
        "urgency": codes.label("vacancy_urgency", vacancy.urgency) if vacancy.urgency else "",
        "work_address": vacancy.work_address or "",
        "valid_until": vacancy.valid_until.isoformat(),
    }
