"""R-92 招聘信息有效期: every published vacancy whose validity has ended is expired through the workflow
(one 流转记录 event and change-history entry per vacancy, by the acting user or "system"). Run nightly by
the job worker and on demand by `flask vacancies expire`. Once a vacancy has been reviewed its validity
changes only by the 延期 step, on every write path (the spec's `checks`).

信息发布 (E25, IP-05, R-94): the postings of a street/town that are on the board today — published, valid
today, not voided; filled and expired vacancies drop off. A vacancy is shown in its work town, or, without
one, in the town of the unit that registered it. The public fields carry no personal data: no contact
person, no personal phone (the service station's hotline is shown instead)."""

from __future__ import annotations

from datetime import date
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from app import background, clock, codes, ledger
from app.ledger import session
from app.security.scope import subtree_ids
from app.workflow import commands
from models.org import OrgUnit
from models.vacancy import Vacancy
from seed.workflows.vacancy import VACANCY as VACANCY_WORKFLOW

EXPIRY_COMMENT = "有效期已过，自动下架（R-92）"
REVIEWED_UNTIL = _l(
    "The vacancy has been reviewed: its validity is changed only by the “Extend the validity” step "
    "(R-92), not by editing"
)


def check_validity(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """A plain edit (form, API, import) leaves the end of a reviewed vacancy's validity alone: 延期 changes
    it, with its reason in the 流转记录."""
    if existing is None or existing.state in ("", "pending") or commands.firing() is not None:
        return {}
    if "valid_until" in values and values["valid_until"] != existing.valid_until:
        return {"valid_until": REVIEWED_UNTIL}
    return {}


def expire_vacancies(today: date | None = None) -> int:
    """Expire the published vacancies valid until before `today`; return how many (not committed)."""
    today = today or clock.today()
    session = current_app.appbuilder.session  # type: ignore[attr-defined]
    query = select(Vacancy).where(
        Vacancy.state == "published", Vacancy.valid_until < today, Vacancy.voided_at.is_(None)
    )
    expired = 0
    for vacancy in session.execute(query.order_by(Vacancy.id)).scalars().all():
        commands.fire(
            vacancy, "expire", {"date": today, "comment": EXPIRY_COMMENT}, vacancy.version, system=True
        )
        expired += 1
    return expired


@background.periodic("expire_vacancies", minute="7", hour="16")  # 00:07 Beijing (huey crontab: UTC)
def expire_nightly() -> None:
    expire_vacancies()
    current_app.appbuilder.session.commit()  # type: ignore[attr-defined]


vacancies_group = AppGroup("vacancies", help="Vacancies: expiry of published vacancies (R-92).")


@vacancies_group.command("expire")
def expire_command() -> None:
    """Expire every published vacancy whose validity has ended."""
    count = expire_vacancies()
    current_app.appbuilder.session.commit()  # type: ignore[attr-defined]
    click.echo(f"已过期下架岗位 {count} 个")


# ---- 信息发布: the board of a street/town ------------------------------------------------------------


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


VACANCY = ledger.register(
    ledger.Ledger(Vacancy, chapter="services", workflow=VACANCY_WORKFLOW, checks=(check_validity,))
)
cli = vacancies_group  # `flask vacancies expire`
