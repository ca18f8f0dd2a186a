"""R-92 招聘信息有效期: every published vacancy whose validity has ended is expired through the workflow
(one 流转记录 event and change-history entry per vacancy, by the acting user or "system"). Run nightly by
the job worker and on demand by `flask vacancies expire`."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app import clock, jobs
from app.workflow import commands
from models.vacancy import Vacancy

EXPIRY_COMMENT = "有效期已过，自动下架（R-92）"


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


@jobs.periodic("expire_vacancies", minute="7", hour="16")  # 00:07 Beijing (huey crontab: UTC)
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
