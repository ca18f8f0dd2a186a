"""岗位/人力资源信息开发 — employer visits (CATALOG E09; WF-02, WF-03 区级 第一章 第一节（二）（三）;
WF-47 街镇级 第四章 第一节（二）; R-62). A quarterly 实施方案 (visit plan: 牵头人, 走访范围, 培训及走访日程)
and the visits made under it: appointed by telephone at least 3 days ahead, a 集中培训 of the visitors on
the working day before, the visit itself with the employer's needs, the services given and the record
(建立档案), or a postponement and a new appointment, or a cancellation. Vacancies collected on a visit refer
to it. The steps and time limits are the workflow in seed/workflows/employer.py; the R-62 date checks,
which read the stored dates, are in app/domain/visit.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from models.base import LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin

APPOINTMENT_LEAD_DAYS = 3  # R-62 “要提前 3 天电话预约走访时间” (calendar days)


class VisitPlan(LedgerMixin, Model):
    """岗位（人力资源）信息开发实施方案: one quarter's visit plan of a unit ("季度性研究制定")."""

    __tablename__ = "visit_plan"
    __ledger__ = "visit_plan"
    __ledger_label__ = _l("Visit plan ledger")

    # an optional reference (a visit's plan): an outer join, or FAB's list query drops rows without one
    org = relationship("OrgUnit", lazy="joined")

    title: Mapped[str] = field(String(200), _l("Plan title"), required=True)
    year: Mapped[int] = field(Integer, _l("Year"), required=True, export="number")
    quarter: Mapped[int] = field(Integer, _l("Quarter"), required=True, export="number")
    lead: Mapped[str | None] = field(String(50), _l("Lead"))
    scope: Mapped[str | None] = field(Text, _l("Visit scope"))
    schedule: Mapped[str | None] = field(Text, _l("Briefing and visit schedule"))
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def __str__(self) -> str:
        return f"{self.year}年第{self.quarter}季度 {self.title}"

    ledger_title = __str__

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        quarter = values.get("quarter")
        if quarter is not None and quarter not in (1, 2, 3, 4):
            errors["quarter"] = _l("The quarter is 1, 2, 3 or 4")
        year = values.get("year")
        if year is not None and not 2000 <= year <= 2100:
            errors["year"] = _l("Not a valid year")
        return errors


class EmployerVisit(WorkflowStateMixin, LedgerMixin, Model):
    """用人单位走访: one visit to one employer, from the appointment to the record of the visit."""

    __tablename__ = "employer_visit"
    __ledger__ = "employer_visit"
    __ledger_label__ = _l("Employer visit ledger")

    org = relationship("OrgUnit", lazy="joined")  # optional reference of a vacancy: see VisitPlan.org

    employer_id: Mapped[int] = field(
        Integer, _l("Employer"), ForeignKey("employer.id"), required=True, index=True, export="number"
    )
    employer = relationship("Employer", lazy="joined")
    plan_id: Mapped[int | None] = field(
        Integer, _l("Visit plan"), ForeignKey("visit_plan.id"), index=True, export="number"
    )
    plan = relationship("VisitPlan", lazy="select")
    appointed_on: Mapped[date] = field(
        Date,
        _l("Appointment made on"),
        required=True,
        export="date",
        description=_l("By telephone, at least 3 days before the visit (R-62)"),
    )
    planned_on: Mapped[date] = field(Date, _l("Planned visit date"), required=True, export="date")
    actual_on: Mapped[date | None] = field(Date, _l("Visited on"), export="date")
    visitors: Mapped[str | None] = field(String(200), _l("Visitors"))
    needs: Mapped[str | None] = field(Text, _l("Service needs"))
    services: Mapped[str | None] = field(Text, _l("Services given"))
    record: Mapped[str | None] = field(Text, _l("Visit record"))
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def ledger_title(self) -> str:
        name = self.employer.name if self.employer is not None else f"#{self.employer_id}"
        return f"{name} {self.planned_on:%Y-%m-%d}" if self.planned_on else name

    def check_brief(self, values: dict[str, Any], today: date) -> dict[str, Any]:
        """R-62: the visitors are briefed before the visit (due the working day before), after the appointment."""
        held = values.get("date")
        if held is None:
            return {}
        if held >= self.planned_on:
            return {"date": _l("The briefing comes before the visit date (R-62: the working day before)")}
        if held < self.appointed_on:
            return {"date": _l("The briefing cannot come before the appointment was made")}
        return {}
