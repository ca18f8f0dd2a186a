"""短信群发记录 — SMS batches (CATALOG E34, WF-41, IP-16, R-72, R-73; 区级 第三章 第二节（三）): a text (招聘信息,
面试结果) sent to the mobile phones of persons chosen by age, gender, employment status, experience and org
unit, inside the sender's territory. The content is approved before it goes out (CATALOG §7.2: 草稿 → 已审批 →
已发送); the batch records the number of recipients, how many messages arrived or failed, the one second
attempt for the failed numbers (R-73) and the note on the phone calls made to those still unreached.
Sending and the number file are app/domain/sms.py; the workflow is seed/workflows/sms.py.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from models.base import FLAT, LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin


class SmsBatch(WorkflowStateMixin, LedgerMixin, Model):
    """短信群发: one message to one filtered group of persons, with its sending results."""

    __tablename__ = "sms_batch"
    __ledger__ = "sms_batch"
    __ledger_label__ = _l("SMS batch records")

    title: Mapped[str] = field(String(100), _l("Message subject"), required=True)
    content: Mapped[str] = field(
        Text,
        _l("Message text"),
        required=True,
        description=_l("72 characters, punctuation included, make one message (R-72)"),
    )
    segments: Mapped[int | None] = field(
        Integer,
        _l("Messages per recipient"),
        export="number",
        readonly=True,
        description=_l("Counted from the text (R-72)"),
    )
    recipient_age_min: Mapped[int | None] = field(Integer, _l("Recipients aged from"), export="number")
    recipient_age_max: Mapped[int | None] = field(Integer, _l("Recipients aged up to"), export="number")
    recipient_gender: Mapped[str | None] = field(String(16), _l("Recipients' gender"), code_list="gender")
    recipient_employment_status: Mapped[str | None] = field(
        String(16), _l("Recipients' employment status"), code_list="employment_status"
    )
    recipient_seekers_only: Mapped[bool | None] = field(
        Boolean, _l("Only job seekers with a valid registration"), default=False
    )
    recipient_min_experience: Mapped[int | None] = field(
        Integer,
        _l("Job seekers with at least (years of experience)"),
        export="number",
        description=_l("Applies to job seekers with a valid registration only"),
    )
    recipient_org_id: Mapped[int | None] = field(
        Integer,
        _l("Recipients in unit"),
        ForeignKey("org_unit.id"),
        export="number",
        description=_l("Empty: the whole unit of the batch"),
    )
    recipient_count: Mapped[int | None] = field(Integer, _l("Recipients"), export="number", readonly=True)
    sent_on: Mapped[date | None] = field(Date, _l("Sent on"), export="date", readonly=True)
    sent_count: Mapped[int | None] = field(Integer, _l("Delivered"), export="number", readonly=True)
    failed_count: Mapped[int | None] = field(Integer, _l("Failed to deliver"), export="number", readonly=True)
    failed_numbers: Mapped[str | None] = field(
        Text,
        _l("Numbers still failing"),
        pii=True,
        readonly=True,
        description=_l("For the information department to check (R-73)"),
    )
    retry_count: Mapped[int | None] = field(
        Integer, _l("Second attempts"), default=0, export="number", readonly=True
    )
    retried_on: Mapped[date | None] = field(Date, _l("Second attempt on"), export="date", readonly=True)
    phone_call_note: Mapped[str | None] = field(Text, _l("Phone calls to those not reached"))

    org = relationship("OrgUnit", lazy="joined", innerjoin=FLAT, foreign_keys="SmsBatch.org_id")
    recipient_org = relationship("OrgUnit", foreign_keys="SmsBatch.recipient_org_id")

    def __str__(self) -> str:
        return self.title

    def ledger_title(self) -> str:
        return self.title
