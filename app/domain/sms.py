"""短信群发 (CATALOG WF-41, R-72, R-73): recipients, the gateway's number file, and sending through a
pluggable adapter.

- Recipients are the live persons with a mobile number in the batch's unit (or its filter unit), inside the
  territory of the user acting — through the one scope filter, so a town clerk never gets another town's
  numbers — narrowed by age on the day, gender, employment status and, for job seekers with a valid
  registration, years of experience.
- The number file is what the gateway uploads (WF-41 step 4 “纯号码文本”): a .txt file, one mobile number per
  line (CRLF), no names, no header, each number once.
- Sending: an adapter with `send(numbers, text) -> (delivered, failed)` (lists of numbers), chosen by the
  setting SMS_ADAPTER: "record" (default; no network: it only records what would go out, in
  `app.extensions["sms_outbox"]`) or "package.module:Class" for a real gateway. The workflow step
  `send` sends to every recipient; `resend` makes the one second attempt for the numbers that failed (R-73).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select

from app import clock, ledger
from app.rules.job_seeker import add_months
from app.rules.sms import MAX_RETRIES, segments, upload_numbers
from app.security.scope import current_actor, in_territory, scope_query
from models.job_seeker import JobSeeker
from models.org import OrgUnit
from models.person import Person
from models.sms import SmsBatch
from seed.workflows.sms import SMS_BATCH


class SmsAdapter(Protocol):
    def send(self, numbers: Sequence[str], text: str) -> tuple[list[str], list[str]]:
        """Send `text` to `numbers`; return the numbers delivered and the numbers that failed."""


class RecordingAdapter:
    """The default: sends nothing, records each call (numbers, text) and reports every number delivered."""

    def __init__(self) -> None:
        self.outbox: list[tuple[list[str], str]] = []

    def send(self, numbers: Sequence[str], text: str) -> tuple[list[str], list[str]]:
        self.outbox.append((list(numbers), text))
        return list(numbers), []


def adapter() -> SmsAdapter:
    """The adapter of SMS_ADAPTER, one instance per app."""
    found = current_app.extensions.get("sms_adapter")
    if found is None:
        name = current_app.config.get("SMS_ADAPTER") or "record"
        if name == "record":
            found = RecordingAdapter()
            current_app.extensions["sms_outbox"] = found.outbox
        else:
            module, _, cls = name.partition(":")
            found = getattr(importlib.import_module(module), cls)()
        current_app.extensions["sms_adapter"] = found
    return found


def years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)


def subtree(unit: OrgUnit) -> Any:
    return or_(OrgUnit.path == unit.path, OrgUnit.path.like(unit.path + "/%"))


def recipients(batch: SmsBatch, user: Any = None) -> list[str]:
    """The mobile numbers the batch goes to, as the acting user may see them (sorted, each once)."""
    today = clock.today()
    unit = batch.recipient_org or batch.org
    query = (
        select(Person.phone)
        .where(Person.voided_at.is_(None), Person.phone.isnot(None))
        .where(Person.org_id.in_(select(OrgUnit.id).where(subtree(unit))))
    )
    if batch.recipient_org is not None:  # the filter unit stays inside the batch's own unit
        query = query.where(Person.org_id.in_(select(OrgUnit.id).where(subtree(batch.org))))
    if batch.recipient_age_min is not None:
        query = query.where(Person.birth_date <= years_before(today, batch.recipient_age_min))
    if batch.recipient_age_max is not None:
        query = query.where(Person.birth_date > years_before(today, batch.recipient_age_max + 1))
    if batch.recipient_gender:
        query = query.where(Person.gender == batch.recipient_gender)
    if batch.recipient_employment_status:
        query = query.where(Person.employment_status == batch.recipient_employment_status)
    if batch.recipient_seekers_only or batch.recipient_min_experience is not None:
        seeker = select(JobSeeker.id).where(
            JobSeeker.person_id == Person.id,
            JobSeeker.voided_at.is_(None),
            JobSeeker.registered_on <= today,
            JobSeeker.valid_until >= today,
        )
        if batch.recipient_min_experience is not None:
            seeker = seeker.where(JobSeeker.experience_years >= batch.recipient_min_experience)
        query = query.where(exists(seeker))
    query = scope_query(query, Person, user if user is not None else current_actor())
    return upload_numbers(ledger.session().execute(query).scalars())


FIXED_ON_APPROVAL = (
    "title",
    "content",
    "recipient_age_min",
    "recipient_age_max",
    "recipient_gender",
    "recipient_employment_status",
    "recipient_seekers_only",
    "recipient_min_experience",
    "recipient_org_id",
)


def check_batch(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """R-72 segment count; sensible filters; an approved or sent text is not edited any more."""
    errors: dict[str, Any] = {}
    content = values.get("content") if "content" in values else getattr(existing, "content", None)
    values["segments"] = segments(content)
    if existing is not None and existing.state not in ("", "draft"):
        changed = [n for n in FIXED_ON_APPROVAL if n in values and values[n] != getattr(existing, n)]
        for name in changed:
            errors[name] = _l("The batch has been approved; send it back to draft before changing it")

    def now(name: str) -> Any:
        return values[name] if name in values else getattr(existing, name, None)

    for name in ("recipient_age_min", "recipient_age_max", "recipient_min_experience"):
        if isinstance(now(name), int) and now(name) < 0:
            errors.setdefault(name, _l("Cannot be negative"))
    low, high = now("recipient_age_min"), now("recipient_age_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        errors.setdefault("recipient_age_max", _l("The upper age cannot be below the lower age"))
    unit_id = now("recipient_org_id")
    if unit_id not in (None, ""):
        unit = ledger.session().get(OrgUnit, unit_id) if isinstance(unit_id, int) else None
        if unit is None or not in_territory(unit, current_actor()):
            errors.setdefault("recipient_org_id", _l("Please choose a unit inside your territory"))
    return errors


def on_transition(obj: Any, transition: str, event: Any) -> None:
    """Count the recipients on approval; send on `send`; make the second attempt on `resend` (R-73)."""
    if not isinstance(obj, SmsBatch):
        return
    if transition == "approve":
        obj.recipient_count = len(recipients(obj))
    elif transition == "send":
        numbers = recipients(obj)
        if not numbers:
            raise ledger.LedgerError({"": _l("No recipient matches the filters of this batch")})
        delivered, failed = adapter().send(numbers, obj.content)
        obj.recipient_count, obj.sent_on = len(numbers), event.on_date
        obj.sent_count, obj.failed_count = len(delivered), len(failed)
        obj.failed_numbers = "\n".join(failed) or None
    elif transition == "resend":
        # the second attempt goes to this batch's failed numbers still among its recipients (inside the
        # batch's unit and the sender's territory), once
        reachable = set(recipients(obj))
        failed_before = [n for n in (obj.failed_numbers or "").split() if n in reachable]
        if (obj.retry_count or 0) >= MAX_RETRIES:
            raise ledger.LedgerError({"": _l("The second attempt has already been made (R-73)")})
        if not failed_before:
            raise ledger.LedgerError({"": _l("No number failed; there is nothing to send again")})
        delivered, failed = adapter().send(failed_before, obj.content)
        obj.retry_count, obj.retried_on = (obj.retry_count or 0) + 1, event.on_date
        obj.sent_count = (obj.sent_count or 0) + len(delivered)
        obj.failed_count = len(failed)
        obj.failed_numbers = "\n".join(failed) or None


SMS = ledger.register(
    ledger.Ledger(
        SmsBatch, chapter="platform", workflow=SMS_BATCH, checks=(check_batch,), after_fire=(on_transition,)
    )
)
