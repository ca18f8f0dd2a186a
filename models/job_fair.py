"""洽谈式服务 — job fairs 洽谈会 and their participants (CATALOG E28; WF-26; R-57; CK-19; FU-04;
区级 第二章 第二节（四）). A 例行 or 专场 招聘洽谈会 is received (接待受理), published “在接待受理后的 3 个工作日内”,
imported into the venue's electronic screens “在洽谈会召开的前 1 个工作日”, held (专场: a briefing for the
applicants “召开前 1 个小时”) and archived once the participants' receipts (回执) are in, “在招聘洽谈会结束后
的 5 个工作日内”; a participant without a receipt is followed up by telephone or a visit. The steps and time
limits are the workflow in seed/workflows/job_fair.py; the dates are computed by app/rules/job_fair.py and
shown through app/domain/job_fair.py.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from models.base import LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin


def _is_time(text: str) -> bool:
    try:
        datetime.strptime(text.strip(), "%H:%M")
    except ValueError:
        return False
    return True


class JobFair(WorkflowStateMixin, LedgerMixin, Model):
    """洽谈会: one 例行 or 专场 recruitment fair, from its intake to its archive (E28, WF-26)."""

    __tablename__ = "job_fair"
    __ledger__ = "job_fair"
    __ledger_label__ = _l("Job fair ledger")

    title: Mapped[str] = field(String(200), _l("Job fair"), required=True)
    fair_type: Mapped[str] = field(String(8), _l("Job fair type"), code_list="job_fair_type", required=True)
    held_on: Mapped[date] = field(Date, _l("Fair date"), required=True, export="date")
    starts_at: Mapped[str | None] = field(
        String(5), _l("Start time"), description=_l("24-hour time, e.g. 09:00 (专场: briefing 1 hour before)")
    )
    venue: Mapped[str] = field(String(200), _l("Venue"), required=True)
    accepted_on: Mapped[date] = field(
        Date,
        _l("Intake date"),
        required=True,
        export="date",
        description=_l("Publication is due within 3 working days of the intake (R-57)"),
    )
    published_on: Mapped[date | None] = field(Date, _l("Publication date"), export="date")
    screen_imported_on: Mapped[date | None] = field(Date, _l("Imported to the screens on"), export="date")
    organizer: Mapped[str | None] = field(String(100), _l("Organizer"))
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def ledger_title(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}" if self.held_on else self.title

    __str__ = ledger_title

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        starts = values.get("starts_at")
        if starts and not _is_time(starts):
            errors["starts_at"] = _l("Not a time of day (HH:MM)")
        accepted, held = values.get("accepted_on"), values.get("held_on")
        if accepted and held and held < accepted:
            errors["held_on"] = _l("The fair cannot come before its intake")
        published = values.get("published_on")
        if accepted and published and published < accepted:
            errors["published_on"] = _l("Publication cannot come before the intake")
        return errors


class JobFairParticipation(LedgerMixin, Model):
    """参会单位: one employer at one fair, with its 申报材料 (CK-19), booth, receipt and hiring result (E28)."""

    __tablename__ = "job_fair_participation"
    __ledger__ = "job_fair_participation"
    __ledger_label__ = _l("Job fair participant ledger")

    fair_id: Mapped[int] = field(
        Integer, _l("Job fair"), ForeignKey("job_fair.id"), required=True, index=True, export="number"
    )
    fair = relationship("JobFair", lazy="joined")
    employer_id: Mapped[int] = field(
        Integer, _l("Employer"), ForeignKey("employer.id"), required=True, index=True, export="number"
    )
    employer = relationship("Employer", lazy="joined")
    booth: Mapped[str | None] = field(String(50), _l("Booth"))
    receipt_on: Mapped[date | None] = field(
        Date,
        _l("Receipt date"),
        export="date",
        description=_l("The receipt is due within 5 working days after the fair (R-57)"),
    )
    hiring_result: Mapped[str | None] = field(String(8), _l("Hiring result"), code_list="job_fair_result")
    hired: Mapped[int | None] = field(Integer, _l("Persons hired"), export="number")
    followup_note: Mapped[str | None] = field(Text, _l("Follow-up note"))
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def ledger_title(self) -> str:
        employer = self.employer.name if self.employer is not None else f"#{self.employer_id}"
        return f"{self.fair} {employer}" if self.fair is not None else employer

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        hired = values.get("hired")
        if hired is not None and hired < 0:
            errors["hired"] = _l("Cannot be negative")
        return errors
