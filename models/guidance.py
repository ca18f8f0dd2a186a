"""职业指导培训补贴 — the guidance-training subsidy (CATALOG SM-08, WF-13, WF-53, LG-55, R-36..R-38, CK-09).

- 北京市职业指导培训手工台账 `guidance_training`: one guidance session of one person, at least 2 hours, the
  manual ledger filled in by the person themself (R-37), with the phone number the district calls.
- 职业指导培训补贴季度申报 `guidance_claim`: a street/town's claim for a quarter, submitted to the district
  by the 5th of the next quarter's first month (R-38), reviewed (CK-09a), 10% of its sessions called by
  telephone (R-36; the sample's seed is stored, so the sample can be drawn again), sent to the city by the
  10th (CK-09b), approved by the city, its accounts roster verified and archived.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin

MIN_MINUTES = 120  # R-37 “指导时间不低于2个小时”
QUARTER = re.compile(r"(\d{4})\s*[Qq季]\s*([1-4])")


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, 30 if month in (6, 9) else 31)


class GuidanceTraining(LedgerMixin, Model):
    """职业指导培训手工台账: one guidance session (R-37)."""

    __tablename__ = "guidance_training"
    __ledger__ = "guidance_training"
    __ledger_label__ = _l("Vocational guidance training ledger")

    person_id: Mapped[int] = field(
        Integer, _l("Person"), ForeignKey("person.id"), required=True, index=True, export="number"
    )
    person = relationship("Person", lazy="joined")
    held_on: Mapped[date] = field(Date, _l("Held on"), required=True, export="date", not_future=True)
    minutes: Mapped[int] = field(
        Integer,
        _l("Duration (minutes)"),
        required=True,
        export="number",
        description=_l("At least 2 hours (120 minutes)"),
    )
    topic: Mapped[str | None] = field(String(200), _l("Guidance given"))
    phone: Mapped[str] = field(
        String(40),
        _l("Contact phone"),
        required=True,
        pii=True,
        description=_l("The district calls a sample of the persons"),
    )
    self_filled: Mapped[bool] = field(
        Boolean,
        _l("Filled in by the person"),
        default=False,
        description=_l("The manual ledger must be filled in by the person guided"),
    )
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def ledger_title(self) -> str:
        name = self.person.name if self.person is not None else f"#{self.person_id}"
        return f"{name} {self.held_on.isoformat()}" if self.held_on else name

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        minutes = values.get("minutes")
        if isinstance(minutes, int) and minutes < MIN_MINUTES:
            errors["minutes"] = _l("A guidance session lasts at least 2 hours (120 minutes)")
        if "self_filled" in values and not values.get("self_filled"):
            errors["self_filled"] = _l("The manual ledger must be filled in by the person guided")
        return errors


class GuidanceClaim(WorkflowStateMixin, LedgerMixin, Model):
    """职业指导培训补贴季度申报: one street/town's claim for one quarter (SM-08)."""

    __tablename__ = "guidance_claim"
    __ledger__ = "guidance_claim"
    __ledger_label__ = _l("Guidance-training subsidy claim ledger")

    quarter: Mapped[str] = field(
        String(8), _l("Quarter"), required=True, description=_l("For example 2026Q3")
    )
    submitted_on: Mapped[date] = field(
        Date, _l("Submitted on"), required=True, export="date", not_future=True
    )
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))
    # set by the model (quarter_end: the deadlines count from it) and by the sampling step (app/domain/guidance.py)
    quarter_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    sample_seed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sessions: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    sampled: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    calls: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    __derived__ = ("quarter_end",)

    def ledger_title(self) -> str:
        return f"{self.org.name if self.org else ''} {self.quarter}"

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        text = values.get("quarter")
        if text is None:
            return {}
        match = QUARTER.fullmatch(str(text).strip())
        if not match:
            return {"quarter": _l("Write the quarter as 2026Q3")}
        year, quarter = int(match[1]), int(match[2])
        values["quarter"] = f"{year}Q{quarter}"
        values["quarter_end"] = quarter_end(year, quarter)
        return {}
