"""洽谈会 pages (CATALOG E28, R-57, FU-04): a fair's R-57 dates and its participants still without a receipt,
the overdue ones marked (“招聘洽谈会结束后的 5 个工作日内” file the receipts; none → 电话回访或入企走访).
The same participants come to 我的待办: the receipt while it is due, then the FU-04 call or visit until a
follow-up note is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app import calendar, clock, ledger
from app.rules import job_fair as rules
from app.security.access import user_may
from app.security.scope import current_actor, scope_query
from app.services.followups import DUE_SOON_DAYS
from app.workflow import inbox
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


RECEIPTS = "job_fair_participation"  # the receipts' tab in 我的待办


def receipts_query(user: Any, today: date, *columns: Any) -> Any:
    """For the district, which holds the fairs: the participants of the territory without a receipt or a
    follow-up note whose receipt is due within a week (R-57: fair day + 5 working days, compared as the fair
    day in SQL), narrowed by the page's filters; None for other users."""
    if getattr(user.org, "level", None) != FU04_TIER or not user_may(
        user, "can_write", JobFairParticipation.__ledger__
    ):
        return None
    cal = calendar.current()
    late_by = rules.latest_fair_day(cal, today - timedelta(days=1))
    query = (
        select(*columns)
        .select_from(JobFairParticipation)
        .join(JobFairParticipation.fair)
        .where(
            JobFairParticipation.voided_at.is_(None),
            JobFairParticipation.receipt_on.is_(None),
            JobFairParticipation.followup_note.is_(None),
            JobFair.voided_at.is_(None),
            JobFair.held_on <= rules.latest_fair_day(cal, today + timedelta(days=DUE_SOON_DAYS)),
        )
    )
    query = inbox.criteria().narrow(query, JobFairParticipation)
    if inbox.criteria().overdue:
        query = query.where(JobFair.held_on <= late_by)
    return scope_query(query, JobFairParticipation, user), late_by


def receipt_items(user: Any, today: date) -> list[inbox.InboxItem]:
    """The receipt while it is due (R-57), then the FU-04 call or visit once it is overdue."""
    from flask import url_for

    found = receipts_query(user, today, JobFairParticipation) if inbox.criteria().wants(RECEIPTS) else None
    if found is None:
        return []
    query = found[0].order_by(JobFair.held_on, JobFairParticipation.id).limit(inbox.limit())
    cal = calendar.current()
    items = []
    for row in ledger.session().execute(query).scalars().unique():
        due = rules.receipts_due(cal, row.fair.held_on)
        items.append(
            inbox.InboxItem(
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


@inbox.counts(receipt_items)
def receipt_count(user: Any, today: date) -> list[tuple[str, Any, Any, Any]]:
    """count(*) of the same rows, and of those past the 5 working days (scalar subqueries)."""
    found = receipts_query(user, today, func.count())
    if found is None:
        return []
    query, late_by = found
    late = query.where(JobFair.held_on <= late_by)
    return [(RECEIPTS, _l("Job fair receipts"), query.scalar_subquery(), late.scalar_subquery())]


JOB_FAIR = ledger.register(ledger.Ledger(JobFair, chapter="services", workflow=WORKFLOW))
JOB_FAIR_PARTICIPATION = ledger.register(
    ledger.Ledger(JobFairParticipation, chapter="services", checklist="CK-19", inbox=(receipt_items,))
)
