"""就业困难人员服务台帐 — hard-to-employ assistance (CATALOG LG-27, LG-30, LG-31, SM-10; 街镇级 第五章 第五节,
社区（村）级 第八章 第四节): a labour-force person recognised as 就业援助对象 by the street/town, with the
援助方案 (every version kept in the 流转记录), the 就业助理专员, the 《就业援助协议书》, job offers with
accompanied interviews, employment and its registration, and the stability class that sets the follow-up
cadence. Its steps and time limits are the workflow in seed/workflows/common.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from models.base import LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin


class HardToEmployCase(WorkflowStateMixin, LedgerMixin, Model):
    """就业困难人员援助对象: one assistance case of one person, opened on the community's report (T0)."""

    __tablename__ = "hard_to_employ_case"
    __ledger__ = "hard_to_employ"
    __ledger_label__ = _l("Hard-to-employ assistance ledger")

    person_id: Mapped[int] = field(
        Integer, _l("Person"), ForeignKey("person.id"), required=True, index=True, export="number"
    )
    person = relationship("Person", lazy="joined")
    category: Mapped[str] = field(
        String(16), _l("Hardship category"), code_list="hard_to_employ_category", required=True
    )
    reported_on: Mapped[date] = field(
        Date,
        _l("Reported by the community on"),
        required=True,
        export="date",
        not_future=True,
        description=_l("T0: the time limits of the plan and the first job offers count from this day"),
    )
    recognised_on: Mapped[date | None] = field(Date, _l("Recognised on"), export="date")
    plan: Mapped[str | None] = field(Text, _l("Assistance plan"))
    assistant_name: Mapped[str | None] = field(String(50), _l("Employment assistant"))
    agreement_signed_on: Mapped[date | None] = field(
        Date, _l("Assistance agreement signed on"), export="date"
    )
    employer_name: Mapped[str | None] = field(String(200), _l("Employing unit"))
    employed_on: Mapped[date | None] = field(Date, _l("Employed on"), export="date")
    stability: Mapped[str | None] = field(
        String(16), _l("Employment stability"), code_list="employment_stability"
    )
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def ledger_title(self) -> str:
        return self.person.name if self.person is not None else f"#{self.id}"

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        reported, recognised = values.get("reported_on"), values.get("recognised_on")
        if reported and recognised and recognised < reported:
            errors["recognised_on"] = _l("Recognition cannot come before the community's report")
        return errors
