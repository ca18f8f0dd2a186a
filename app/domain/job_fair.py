"""洽谈会 pages (CATALOG E28, R-57, FU-04): a fair's R-57 dates and its participants still without a receipt,
the overdue ones marked (“招聘洽谈会结束后的 5 个工作日内” file the receipts; none → 电话回访或入企走访).
The same participants come to 我的待办: the receipt while it is due, then the FU-04 call or visit until a
follow-up note is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import calendar, clock, ledger
from app.rules import job_fair as rules
from app.security.access import user_may
from app.security.scope import current_actor, scope_query
from app.services.followups import DUE_SOON_DAYS
from app.workflow.inbox import LIMIT, InboxItem
from models.job_fair import JobFair, JobFairParticipation
from seed.workflows.job_fair import JOB_FAIR as WORKFLOW

# 电话回访或入企走访 of the employers without a receipt is the district's (CATALOG §3.6)
FU04_TIER = "district"


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


def receipt_items(user: Any, today: date) -> list[InboxItem]:
    """For the district, which holds the fairs: participants without a receipt or a follow-up note whose
    receipt is due within a week, the receipt until it is overdue (R-57), then the FU-04 call or visit."""
    from flask import url_for

    if getattr(user.org, "level", None) != FU04_TIER or not user_may(
        user, "can_write", JobFairParticipation.__ledger__
    ):
        return []
    cal = calendar.current()
    query = (
        select(JobFairParticipation)
        .join(JobFairParticipation.fair)
        .where(
            JobFairParticipation.voided_at.is_(None),
            JobFairParticipation.receipt_on.is_(None),
            JobFairParticipation.followup_note.is_(None),
            JobFair.voided_at.is_(None),
            JobFair.held_on <= today + timedelta(days=DUE_SOON_DAYS),  # the receipt is due after the fair
        )
        .order_by(JobFair.held_on, JobFairParticipation.id)
        .limit(LIMIT)
    )
    items = []
    for row in ledger.session().execute(scope_query(query, JobFairParticipation, user)).scalars().unique():
        due = rules.receipts_due(cal, row.fair.held_on)
        if due > today + timedelta(days=DUE_SOON_DAYS):
            continue
        items.append(
            InboxItem(
                kind="followup",
                title=str(
                    _l("Follow-up: employer without a fair receipt (FU-04)")
                    if today > due
                    else _l("Job fair receipt due (R-57)")
                ),
                subject=row.ledger_title(),
                org_name=row.org.name,
                due_on=due,
                url=url_for("JobFairParticipationView.show", pk=row.id),
            )
        )
    return items


JOB_FAIR = ledger.register(ledger.Ledger(JobFair, chapter="services", workflow=WORKFLOW))
JOB_FAIR_PARTICIPATION = ledger.register(
    ledger.Ledger(JobFairParticipation, chapter="services", checklist="CK-19", inbox=(receipt_items,))
)
