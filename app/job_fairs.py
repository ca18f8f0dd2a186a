"""洽谈会 pages (CATALOG E28, R-57, FU-04): a fair's R-57 dates and its participants still without a receipt,
the overdue ones marked (“招聘洽谈会结束后的 5 个工作日内” file the receipts; none → 电话回访或入企走访)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from app import calendar, clock, ledger
from app.rules import job_fair as rules
from app.security.scope import current_actor, scope_query
from models.job_fair import JobFair, JobFairParticipation


@dataclass(frozen=True)
class Timings:
    publication_due: date
    screen_import_due: date
    briefing_at: datetime | None
    receipts_due: date


def timings(fair: JobFair) -> Timings:
    cal = calendar.current()
    return Timings(
        rules.publication_due(cal, fair.accepted_on),
        rules.screen_import_due(cal, fair.held_on),
        rules.briefing_at(fair.fair_type, fair.held_on, fair.starts_at),
        rules.receipts_due(cal, fair.held_on),
    )


def receipt_overdue(participation: JobFairParticipation) -> bool:
    return rules.receipt_overdue(
        calendar.current(), participation.fair.held_on, participation.receipt_on, clock.today()
    )


def without_receipt(fair: JobFair) -> list[tuple[JobFairParticipation, bool]]:
    """The fair's live participants of the user's territory without a receipt, each with whether it is overdue."""
    query = scope_query(
        select(JobFairParticipation).where(
            JobFairParticipation.fair_id == fair.id,
            JobFairParticipation.receipt_on.is_(None),
            JobFairParticipation.voided_at.is_(None),
        ),
        JobFairParticipation,
        current_actor(),
    ).order_by(JobFairParticipation.id)
    rows = ledger.session().execute(query).scalars().unique().all()
    return [(row, receipt_overdue(row)) for row in rows]


def fair_context(fair: Any) -> dict[str, Any]:
    return {"timings": timings(fair), "pending": without_receipt(fair)}
