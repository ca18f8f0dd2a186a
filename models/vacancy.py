"""岗位（招聘）信息台账 — vacancies (CATALOG E05, IP-05, R-92; 《企业招工信息登记表》; 区级 第二章 第一节（五）,
街镇级 第五章 第一节（二）、第三节): an employer's recruitment need with the requirements that matching reads
(occupation and category, headcount, wage range in 元/月, education, age range, skill level, work town),
its validity (发布期) and where it came from (a visit, a job fair, the market, ...). Only vacancies of an
employer whose qualifications were checked (CK-14) are published; filled ones are taken down, expired ones
drop off the board until their validity is extended (R-92). The workflow is in seed/workflows/employer.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from models.base import FLAT, LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin

AGE_RANGE = (16, 70)


class Vacancy(WorkflowStateMixin, LedgerMixin, Model):
    """岗位: one vacancy (one occupation) of one employer, with its validity."""

    __tablename__ = "vacancy"
    __ledger__ = "vacancy"
    __ledger_label__ = _l("Vacancy ledger")
    # 人岗匹配 (app/domain/matching.py) reads the published, valid vacancies and the columns it scores from this
    # index alone, without visiting the rows
    __table_args__ = (
        Index(
            "ix_vacancy_matching",
            "state",
            "voided_at",
            "valid_until",
            "valid_from",
            "occupation",
            "category",
            "wage_min",
            "wage_max",
            "education",
            "age_min",
            "age_max",
            "skill_level",
            "work_town_id",
            "org_id",
        ),
    )

    org = relationship("OrgUnit", foreign_keys="Vacancy.org_id", lazy="joined", innerjoin=FLAT)
    employer_id: Mapped[int] = field(
        Integer, _l("Employer"), ForeignKey("employer.id"), required=True, index=True, export="number"
    )
    employer = relationship("Employer", lazy="joined")
    visit_id: Mapped[int | None] = field(
        Integer, _l("Employer visit"), ForeignKey("employer_visit.id"), index=True, export="number"
    )
    visit = relationship("EmployerVisit", lazy="select")
    occupation: Mapped[str] = field(String(100), _l("Post (occupation)"), required=True, index=True)
    category: Mapped[str | None] = field(
        String(16), _l("Post category"), code_list="vacancy_category", index=True
    )
    duties: Mapped[str | None] = field(Text, _l("Duties and requirements"))
    headcount: Mapped[int] = field(Integer, _l("Headcount"), required=True, export="number")
    wage_min: Mapped[int | None] = field(Integer, _l("Wage from (yuan/month)"), export="number", index=True)
    wage_max: Mapped[int | None] = field(Integer, _l("Wage up to (yuan/month)"), export="number")
    benefits: Mapped[str | None] = field(String(200), _l("Benefits and insurance"))
    education: Mapped[str | None] = field(
        String(16), _l("Minimum education"), code_list="education", index=True
    )
    age_min: Mapped[int | None] = field(Integer, _l("Age from"), export="number")
    age_max: Mapped[int | None] = field(Integer, _l("Age up to"), export="number")
    skill_level: Mapped[str | None] = field(
        String(16), _l("Skill level required"), code_list="skill_level", index=True
    )
    skill_talent: Mapped[bool] = field(
        Boolean,
        _l("Skilled-talent post"),
        default=False,
        description=_l("Skilled-talent posts are published separately and prominently"),
    )
    work_town_id: Mapped[int | None] = field(
        Integer,
        _l("Work town"),
        ForeignKey("org_unit.id"),
        index=True,
        export="number",
        description=_l("Street/town where the work is; empty means the town of the registering unit"),
    )
    work_town = relationship("OrgUnit", foreign_keys="Vacancy.work_town_id", lazy="select")
    work_address: Mapped[str | None] = field(String(200), _l("Work address"))
    valid_from: Mapped[date] = field(Date, _l("Valid from"), required=True, export="date")
    valid_until: Mapped[date] = field(Date, _l("Valid until"), required=True, export="date", index=True)
    urgency: Mapped[str | None] = field(String(16), _l("Urgency"), code_list="vacancy_urgency")
    source: Mapped[str] = field(String(16), _l("Source"), code_list="vacancy_source", required=True)
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def ledger_title(self) -> str:
        name = self.employer.name if self.employer is not None else f"#{self.employer_id}"
        return f"{name} {self.occupation}"

    __str__ = ledger_title  # how a referral's list names its vacancy

    def wage_range(self) -> str:
        low, high = self.wage_min, self.wage_max
        if low and high:
            return f"{low}–{high}"
        return f"{low or high}" if (low or high) else ""

    def check_publish(self, values: dict[str, Any], today: date) -> dict[str, Any]:
        """CK-14: a vacancy is published only when its employer's qualification check is done."""
        if self.employer is None or not self.employer.qualification_checked:
            return {
                "": _l(
                    "The qualifications of %(employer)s have not been checked (CK-14: business licence, "
                    "organisation code certificate, agent's letter and ID); the vacancy cannot be published",
                    employer=self.employer.name if self.employer is not None else "",
                )
            }
        if self.valid_until < today:
            return {"": _l("The vacancy's validity has ended; extend it instead")}
        return {}

    def check_extend(self, values: dict[str, Any], today: date) -> dict[str, Any]:
        """延期: the new end of the validity lies in the future."""
        until = values.get("valid_until")
        if until is not None and until < today:
            return {"valid_until": _l("The new end of the validity must not be in the past")}
        return self.check_publish({}, date.min) if self.employer is not None else {}

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        if values.get("headcount") is not None and values["headcount"] < 1:
            errors["headcount"] = _l("At least one person")
        low, high = values.get("wage_min"), values.get("wage_max")
        for name in ("wage_min", "wage_max"):
            if values.get(name) is not None and values[name] < 0:
                errors[name] = _l("Wage cannot be negative")
        if low is not None and high is not None and high < low:
            errors["wage_max"] = _l("The upper bound is below the lower bound")
        young, old = values.get("age_min"), values.get("age_max")
        for name in ("age_min", "age_max"):
            age = values.get(name)
            if age is not None and not AGE_RANGE[0] <= age <= AGE_RANGE[1]:
                errors[name] = _l("Age between %(low)d and %(high)d", low=AGE_RANGE[0], high=AGE_RANGE[1])
        if young is not None and old is not None and old < young:
            errors["age_max"] = _l("The upper bound is below the lower bound")
        start, end = values.get("valid_from"), values.get("valid_until")
        if start and end and end < start:
            errors["valid_until"] = _l("The validity cannot end before it starts")
        if values.get("work_town_id"):
            errors.update(work_town_errors(values["work_town_id"]))
        return errors


def work_town_errors(org_id: Any) -> dict[str, Any]:
    """The work town must be a street/town unit."""
    from flask import current_app

    from models.org import OrgUnit

    org = current_app.appbuilder.session.get(OrgUnit, org_id) if isinstance(org_id, int) else None  # type: ignore[attr-defined]
    if org is None or org.level != "town":
        return {"work_town_id": _l("Choose a street/town")}
    return {}
