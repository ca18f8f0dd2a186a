"""推荐 and 人岗匹配: the referral tests' day and its two sides, a registered job seeker and a published
vacancy."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from app.workflow import commands
from models.job_seeker import JobSeeker
from models.vacancy import Vacancy
from tests.factories.employer import make_employer
from tests.factories.job_seeker import register
from tests.factories.person import make_person
from tests.factories.vacancy import vacancy_values

TODAY = date(2026, 10, 20)


def user(name: str) -> Any:
    return current_app.appbuilder.sm.find_user(username=name)


def published_vacancy(org_id: int, n: int = 0, **values: Any) -> Vacancy:
    """A vacancy published by the district clerk (valid 2026-09-01 .. 2026-12-31)."""
    employer = make_employer(org_id)
    with acting_as(user("qu_jingban")):
        vacancy = ledger.create(
            Vacancy, {**vacancy_values(employer.id, org_id, n), "valid_from": "2026-09-01", **values}
        )
        commands.fire(vacancy, "publish", {}, vacancy.version)
        db.session.commit()
    return vacancy


def seeker_in(org_id: int, **values: Any) -> JobSeeker:
    person = make_person(org_id)
    return register(person, date(2026, 9, 1), user="qu_jingban", **values)
