"""日历性职责 in 我的待办: the active duties of the user's tier whose current instance is due within its
lead days or overdue, not yet done (办结) by the user's unit for that period; and recording 办结."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, select

from app import ledger
from app.ledger import registry
from app.security.access import user_may
from app.services.duty_periods import instances, next_instance, parse, previous_instance
from app.services.duty_periods import label as period_label
from app.workflow import overdue
from app.workflow.inbox import InboxItem, counts, criteria
from models.base import utcnow
from models.duty import Duty, DutyDone
from models.org import LEVELS

DONE_PERMISSION = ("can_done", "duty")


def due_instances(duty: Duty, today: date) -> list[tuple[str, date]]:
    """The instance last due (overdue until done) and the next one once within the duty's lead days."""
    shown = [previous_instance(duty.anchor, today)]
    upcoming = next_instance(duty.anchor, today)
    if upcoming[1] - timedelta(days=duty.lead_days) <= today:
        shown.append(upcoming)
    return shown


def pending(user: Any, today: date) -> list[tuple[Duty, str, date]]:
    """The due instances of the active duties of the user's tier not yet done by the user's unit (one
    statement: the duties with their unit's 办结 periods; once per request, which both counts and lists them)."""
    org = getattr(user, "org", None)
    if org is None or not user_may(user, *DONE_PERMISSION):
        return []
    if not has_request_context():
        return read_pending(org, today)
    memo = request.__dict__.setdefault("pending_duties", {})
    if (org.id, today) not in memo:
        memo[org.id, today] = read_pending(org, today)
    return list(memo[org.id, today])


def read_pending(org: Any, today: date) -> list[tuple[Duty, str, date]]:
    query = (
        select(Duty, DutyDone.period)
        .outerjoin(DutyDone, and_(DutyDone.duty_id == Duty.id, DutyDone.org_id == org.id))
        .where(Duty.active.is_(True), Duty.tier == org.level)
        .order_by(Duty.code)
    )
    done: dict[Duty, set[str]] = {}
    for duty, period in ledger.session().execute(query):
        done.setdefault(duty, set()).update([period] if period else [])
    out = []
    for duty, periods in done.items():
        try:
            due = due_instances(duty, today)
        except ValueError:  # an anchor the administrator mistyped is refused by the admin form
            continue
        out += [(duty, period, on) for period, on in due if period not in periods]
    return out


GROUP = "duty"  # its tab in 我的待办


def wanted_pending(user: Any, today: date) -> list[tuple[Duty, str, date]]:
    """The pending duties the page's filters keep: a duty is the user's own unit's (in any unit filter
    that holds it)."""
    wanted = criteria()
    org = getattr(user, "org", None)
    if org is None or (wanted.org is not None and not in_subtree(org, wanted.org)):
        return []
    return [
        (duty, period, on) for duty, period, on in pending(user, today) if on < today or not wanted.overdue
    ]


def in_subtree(org: Any, top: Any) -> bool:
    return bool(org.path == top.path or org.path.startswith(top.path + "/"))


@registry.KERNEL.provider
def duty_items(user: Any, today: date) -> list[InboxItem]:
    from flask import url_for

    if not criteria().wants(GROUP):
        return []
    return [
        InboxItem(
            kind="duty",
            title=duty.name,
            subject=str(_l("Recurring duty, period %(period)s", period=period_label(period))),
            org_name=user.org.name,
            due_on=on,
            url=url_for("DutyDoneView.done", duty_id=duty.id, period=period),
        )
        for duty, period, on in wanted_pending(user, today)
    ]


@counts(duty_items)
def duty_count(user: Any, today: date) -> list[tuple[str, Any, Any, Any]]:
    """Counted from the duties read once per request (a handful of rows, whatever the ledgers hold)."""
    due = wanted_pending(user, today)
    return [(GROUP, _l("Recurring duties"), len(due), sum(on < today for _, _, on in due))]


def duties_late(user: Any, today: date) -> list[tuple[Duty, str, date]]:
    """超期督办: the active duties with the instance last due before today (one statement, a handful of
    rows); the board counts the units of the duty's tier that have not done it."""
    out = []
    for duty in (
        ledger.session().execute(select(Duty).where(Duty.active.is_(True)).order_by(Duty.code)).scalars()
    ):
        try:
            period, on = previous_instance(duty.anchor, today)
        except (ValueError, IndexError):  # an anchor the administrator mistyped is refused by the admin form
            continue
        out.append((duty, period, on))
    return out


overdue.LATE_DUTIES.append(duties_late)


def check_duty(item: Duty) -> None:
    """The administrator's duty (系统 → 日历性职责, before it is saved): a known tier and an anchor the inbox understands; the frequency follows from the anchor."""
    if item.tier not in LEVELS:
        raise ValueError(str(_l("Tier must be one of: %(tiers)s", tiers=", ".join(LEVELS))))
    try:
        item.frequency = parse(item.anchor or "").frequency
    except ValueError:
        raise ValueError(str(_l("Due day not understood: %(anchor)s", anchor=item.anchor))) from None
    if item.lead_days is None or item.lead_days < 0:
        raise ValueError(str(_l("Shown days ahead cannot be negative")))


def mark_done(user: Any, duty: Duty, period: str, today: date, note: str = "") -> DutyDone:
    """办结 one period of a duty for the user's unit (not committed). Raises LedgerError when refused."""
    org = getattr(user, "org", None)
    if org is None or duty.tier != org.level or not duty.active:
        raise ledger.LedgerError({"": _l("This duty is not one of your unit's")})
    if period not in {key for key, _ in instances(duty.anchor, today)}:
        raise ledger.LedgerError({"": _l("Unknown period: %(period)s", period=period)})
    session = ledger.session()
    query = select(DutyDone).where(
        DutyDone.duty_id == duty.id, DutyDone.org_id == org.id, DutyDone.period == period
    )
    if session.execute(query).first() is not None:
        raise ledger.LedgerError({"": _l("Already done for %(period)s", period=period_label(period))})
    record = DutyDone(
        duty_id=duty.id,
        org_id=org.id,
        period=period,
        done_at=utcnow(),
        done_by_id=user.id,
        note=note.strip() or None,
    )
    session.add(record)
    session.flush()
    return record
