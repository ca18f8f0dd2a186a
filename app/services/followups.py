"""跟踪回访 (CATALOG §3.6, R-67/R-68): follow-ups scheduled by the rules of seed/followup_rules.py.

- a workflow transition named in a rule's trigger creates the first follow-up (a kernel hook on every transition);
- recording a result (an update setting the date done) fills in the next due date from the rule's cadence
  when the clerk left it empty, refuses a later one, and creates the next follow-up (a kernel hook on every update);
- 我的待办 lists the follow-ups of the user's territory that are due within a week or overdue.
Everything is written through the ledger commands, so territory, validation and history apply.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app import codes, ledger
from app.ledger import registry
from app.security.access import user_may
from app.security.scope import scope_query
from app.services.followup_schedule import RULES, due_after, next_due, rules_triggered_by
from app.workflow.inbox import InboxItem, counts, criteria, limit
from models.followup import FollowUp
from models.org import OrgUnit

GROUP = "followup"  # its tab in 我的待办
DUE_SOON_DAYS = 7  # shown in the inbox this many days before the due date


def org_level(obj: Any) -> str:
    """The tier of the unit a record belongs to (district / town / community): who does its follow-ups."""
    org = ledger.session().get(OrgUnit, obj.org_id)
    return org.level if org is not None else ""


@registry.KERNEL.on_fire
def on_transition(obj: Any, transition: str, event: Any) -> None:
    """Create the first follow-up of every rule triggered by this transition on this record."""
    fire_event(obj, transition, event.on_date)


def fire_event(obj: Any, event: str, on_date: date) -> list[FollowUp]:
    """Create the first follow-up of every rule triggered by `event` (a workflow transition, or an event a
    ledger's hooks name, e.g. a referral's "create") on this record whose condition holds. A rule without a
    first offset is due on the day of the event."""
    ledger_name = getattr(obj, "__ledger__", "")
    created = []
    for rule in rules_triggered_by(ledger_name, event):
        if rule.when is not None and not registry.spec(ledger_name).conditions[rule.when](obj):
            continue
        created.append(
            ledger.create(
                FollowUp,
                {
                    "org_id": obj.org_id,
                    "person_id": obj.person_id,
                    "subject_ledger": ledger_name,
                    "subject_row_id": obj.id,
                    "rule": rule.code,
                    "due_on": due_after(rule.first, on_date) if rule.first else on_date,
                },
            )
        )
    return created


@registry.KERNEL.on_update
def on_update(obj: Any, before: dict[str, Any]) -> None:
    """A result was recorded (the date done set): schedule the next follow-up."""
    if not isinstance(obj, FollowUp) or "done_on" not in before:
        return
    if before["done_on"] is not None or obj.done_on is None:
        return
    rule = RULES.get(obj.rule or "")
    if rule is not None and rule.cadence is not None and rule.cadence.by_stability and not obj.stability:
        raise ledger.LedgerError(
            {"stability": _l("Please choose the employment stability: it sets the next follow-up")}
        )
    latest = None if subject_closed(obj) else next_due(rule, obj.stability, obj.done_on, done_count(obj) + 1)
    if obj.next_due_on is None:
        obj.next_due_on = latest
    elif latest is not None and obj.next_due_on > latest:
        raise ledger.LedgerError(
            {
                "next_due_on": _l(
                    "The next follow-up is due by %(date)s at the latest (%(rule)s)",
                    date=latest.isoformat(),
                    rule=codes.label("followup_rule", obj.rule),
                )
            }
        )
    if obj.next_due_on is not None:
        ledger.create(
            FollowUp,
            {
                "org_id": obj.org_id,
                "person_id": obj.person_id,
                "subject_ledger": obj.subject_ledger,
                "subject_row_id": obj.subject_row_id,
                "rule": obj.rule,
                "due_on": obj.next_due_on,
            },
        )


def subject_closed(obj: FollowUp) -> bool:
    """The record that triggered the follow-up is voided or has reached the end of its workflow (a subsidy
    ended, a loan repaid, an assistance case closed): its cadence schedules no more follow-ups."""
    spec = registry.LEDGERS.get(obj.subject_ledger or "")
    if spec is None or obj.subject_row_id is None:
        return False
    subject = ledger.session().get(spec.model, obj.subject_row_id)
    if subject is None:  # rows are voided, never deleted
        return False
    if subject.voided_at is not None:
        return True
    workflow = spec.workflow
    state = workflow.state(subject.state) if workflow is not None else None
    return state is not None and state.final


def done_count(obj: FollowUp) -> int:
    """Other follow-ups of the same rule, person and subject already done."""
    query = select(func.count(FollowUp.id)).where(
        FollowUp.person_id == obj.person_id,
        FollowUp.rule == obj.rule,
        FollowUp.subject_ledger.is_(None)
        if obj.subject_ledger is None
        else FollowUp.subject_ledger == obj.subject_ledger,
        FollowUp.subject_row_id.is_(None)
        if obj.subject_row_id is None
        else FollowUp.subject_row_id == obj.subject_row_id,
        FollowUp.done_on.isnot(None),
        FollowUp.voided_at.is_(None),
        FollowUp.id != obj.id,
    )
    return int(ledger.session().execute(query).scalar_one())


@registry.KERNEL.verifier
def unresolved_rules() -> list[str]:
    """Every rule names a registered ledger, and its condition (FollowUpRule.when) one of that ledger's."""
    problems = []
    for rule in RULES.values():
        if rule.trigger is None:
            continue
        spec = registry.LEDGERS.get(rule.trigger[0])
        if spec is None:
            problems.append(f"follow-up rule {rule.code}: unknown ledger {rule.trigger[0]!r}")
        elif rule.when is not None and rule.when not in spec.conditions:
            problems.append(f"follow-up rule {rule.code}: {rule.trigger[0]} has no condition {rule.when!r}")
    return problems


def due_followups(user: Any, today: date) -> Any:
    """The condition on FollowUp for the user's due ones (not voided, not done, due within a week)."""
    return (
        FollowUp.voided_at.is_(None),
        FollowUp.done_on.is_(None),
        FollowUp.due_on <= today + timedelta(days=DUE_SOON_DAYS),
    )


@registry.KERNEL.provider
def followup_items(user: Any, today: date) -> list[InboxItem]:
    """Follow-ups of the user's territory not yet done, due within a week or overdue."""
    from flask import url_for

    wanted = criteria()
    if not wanted.wants(GROUP) or not user_may(user, "can_write", FollowUp.__ledger__):
        return []
    query = select(FollowUp).where(*due_followups(user, today)).order_by(FollowUp.due_on, FollowUp.id)
    query = wanted.narrow(query.limit(limit()), FollowUp, FollowUp.due_on, today)
    rows = ledger.session().execute(scope_query(query, FollowUp, user)).scalars()
    return [
        InboxItem(
            kind="followup",
            title=str(
                _l("Follow-up: %(rule)s", rule=codes.label("followup_rule", row.rule))
                if row.rule
                else _l("Follow-up")
            ),
            subject=row.ledger_title(),
            org_name=row.org.name,
            due_on=row.due_on,
            url=url_for("FollowUpView.show", pk=row.id),
        )
        for row in rows
    ]


@counts(followup_items)
def followup_count(user: Any, today: date) -> list[tuple[str, Any, Any, Any]]:
    """The due follow-ups, and the overdue ones, as count(*) over the indexed due/done columns (scalar
    subqueries)."""
    if not user_may(user, "can_write", FollowUp.__ledger__):
        return []
    query = select(func.count()).select_from(FollowUp).where(*due_followups(user, today))
    query = scope_query(criteria().narrow(query, FollowUp, FollowUp.due_on, today), FollowUp, user)
    late = query.where(FollowUp.due_on < today)
    return [(GROUP, _l("Follow-ups"), query.scalar_subquery(), late.scalar_subquery())]
