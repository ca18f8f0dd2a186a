"""跟踪回访记录 — follow-ups (CATALOG §3.6 FU-01..FU-24, §4.4 R-54..R-68): a visit or call to a person
that a rule schedules after a service (a job offer, an employment registration, a referral …). Recording
the result can schedule the next one (R-67: by employment stability; R-68: monthly, at least six times).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from models.base import LedgerMixin, Model, field


class FollowUp(LedgerMixin, Model):
    """跟踪回访: one due follow-up of one person, with its result once done."""

    __tablename__ = "followup"
    __table_args__ = (Index("ix_followup_due", "done_on", "due_on"),)  # 我的待办: not done, due soon
    __ledger__ = "followup"
    __ledger_label__ = _l("Follow-up records")
    __source__ = ("subject_ledger", "subject_row_id")  # the record (of any ledger) that triggered it

    person_id: Mapped[int] = field(
        Integer,
        _l("Person followed up"),
        ForeignKey("person.id"),
        required=True,
        index=True,
        description=_l("Record number of the person in the labour-force registry"),
    )
    subject_ledger: Mapped[str | None] = field(String(40), _l("Triggered by ledger"))
    subject_row_id: Mapped[int | None] = field(Integer, _l("Triggered by record number"))
    rule: Mapped[str | None] = field(String(16), _l("Follow-up rule"), code_list="followup_rule")
    due_on: Mapped[date] = field(Date, _l("Due date"), required=True, export="date", index=True)
    done_on: Mapped[date | None] = field(
        Date,
        _l("Date done"),
        export="date",
        index=True,
        not_future=True,
        future_message=_l("The date done cannot be in the future"),
    )
    method: Mapped[str | None] = field(String(16), _l("Follow-up method"), code_list="followup_method")
    result: Mapped[str | None] = field(Text, _l("Follow-up result"))
    stability: Mapped[str | None] = field(
        String(16),
        _l("Employment stability"),
        code_list="employment_stability",
        description=_l("Sets how soon the next follow-up is due (R-67)"),
    )
    next_due_on: Mapped[date | None] = field(
        Date,
        _l("Next follow-up due"),
        export="date",
        description=_l("Filled in from the rule when left empty; an earlier date may be chosen"),
    )

    person: Mapped[Any] = relationship("Person", lazy="joined")

    def __str__(self) -> str:
        return f"{self.person.name if self.person else self.person_id} {self.due_on}"

    def ledger_title(self) -> str:
        return str(self.person.name) if self.person is not None else f"#{self.person_id}"

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        """A result needs a date done (not in the future: the column's flag); the next follow-up comes
        after it."""
        errors: dict[str, Any] = {}
        done_on, next_due = values.get("done_on"), values.get("next_due_on")
        if done_on and "result" in values and not values["result"]:
            errors["result"] = _l("Please record the result of the follow-up")
        if isinstance(done_on, date) and isinstance(next_due, date) and next_due <= done_on:
            errors["next_due_on"] = _l("The next follow-up must come after the date done")
        if next_due and "done_on" in values and not done_on:
            errors["done_on"] = _l("Record the date done before scheduling the next follow-up")
        return errors
