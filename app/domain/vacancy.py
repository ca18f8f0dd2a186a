"""R-92 招聘信息有效期: every published vacancy whose validity has ended is expired through the workflow
(one 流转记录 event and change-history entry per vacancy, by the acting user or "system"). Run nightly by
the job worker and on demand by `flask vacancies expire`. Once a vacancy has been reviewed its validity
changes only by the 延期 step, on every write path (app.ledger.VALIDATORS)."""

from __future__ import annotations

from datetime import date
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import background, clock, ledger
from app.workflow import commands
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
    session = current_app.appbuilder.session
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
    current_app.appbuilder.session.commit()


vacancies_group = AppGroup("vacancies", help="Vacancies: expiry of published vacancies (R-92).")


@vacancies_group.command("expire")
def expire_command() -> None:
    """Expire every published vacancy whose validity has ended."""
    count = expire_vacancies()
    current_app.appbuilder.session.commit()
    click.echo(f"已过期下架岗位 {count} 个")


VACANCY = ledger.register(ledger.Ledger(Vacancy, workflow=VACANCY_WORKFLOW, checks=(check_validity,)))
cli = vacancies_group  # `flask vacancies expire`
