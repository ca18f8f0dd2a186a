"""求职登记台账 and 职业指导台账 — job seekers and their guidance sessions.

- 求职登记 (CATALOG E06, LG-67 《求职登记表》; 街镇级 第五章 第二节（一）（二）, 区级 第二章 第二节（二）, 社区（村）级
  第八章 第一节（一）): a labour-force person of 16 or more (R-13) who wants work, with the documents checked
  (CK-18), the intention, wage expectation, experience and skills, urgency, and the class 一般求职人员 /
  求职困难人员 with the reason (R-14). A registration is valid until `valid_until`; a person has at most one
  valid registration at a time. The referral count feeds R-55 (after 3 referrals: expert guidance).
- 职业指导 (CATALOG E22, LG-32 《顺义区城乡劳动力就业服务手册》, LG-55 《北京市职业指导手工台账》; 区级 第二章
  第二节（二）（三）, 街镇级 第五章 第二节（二）, 社区（村）级 第八章 第二节): one guidance session of a person,
  an entry of their service handbook.
The checks that need other rows (age from the person's ID number, one valid registration) are in
app/domain/job_seeker.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from models.base import FLAT, LedgerMixin, Model, field


class JobSeeker(LedgerMixin, Model):
    """求职登记: one registration of one person as a job seeker, valid from `registered_on` to `valid_until`."""

    __tablename__ = "job_seeker"
    __ledger__ = "job_seeker"
    __ledger_label__ = _l("Job-seeker registration ledger")
    # 人岗匹配 (app/domain/matching.py) reads the valid registrations and the columns it scores from this index
    # alone, without visiting the rows
    __table_args__ = (
        Index(
            "ix_job_seeker_matching",
            "voided_at",
            "registered_on",
            "valid_until",
            "org_id",
            "intended_occupation",
            "intended_category",
            "wage_expected_min",
            "wage_expected_max",
            "preferred_town_id",
            "skill_level",
            "person_id",
        ),
    )

    person_id: Mapped[int] = field(
        Integer, _l("Person"), ForeignKey("person.id"), required=True, index=True, export="number"
    )
    registered_on: Mapped[date] = field(
        Date, _l("Registered on"), required=True, export="date", index=True, not_future=True
    )
    valid_until: Mapped[date | None] = field(
        Date,
        _l("Valid until"),
        export="date",
        index=True,
        description=_l("Left empty: the registration date plus the validity period of the settings"),
    )
    id_card_checked: Mapped[bool | None] = field(Boolean, _l("ID card checked"), default=False)
    diploma_checked: Mapped[bool | None] = field(Boolean, _l("Diploma checked"), default=False)
    certificate_checked: Mapped[bool | None] = field(
        Boolean, _l("Vocational qualification certificate checked"), default=False
    )
    intended_occupation: Mapped[str] = field(
        String(100), _l("Intended occupation"), required=True, index=True
    )
    intended_category: Mapped[str | None] = field(
        String(16), _l("Intended job category"), code_list="vacancy_category", index=True
    )
    wage_expected_min: Mapped[int | None] = field(
        Integer, _l("Expected wage from (yuan/month)"), export="number"
    )
    wage_expected_max: Mapped[int | None] = field(
        Integer, _l("Expected wage up to (yuan/month)"), export="number"
    )
    preferred_town_id: Mapped[int | None] = field(
        Integer, _l("Preferred street/town"), ForeignKey("org_unit.id"), index=True, export="number"
    )
    experience_years: Mapped[int | None] = field(Integer, _l("Years of work experience"), export="number")
    work_history: Mapped[str | None] = field(Text, _l("Work history"))
    skill_level: Mapped[str | None] = field(String(16), _l("Skill level"), code_list="skill_level")
    skills: Mapped[str | None] = field(Text, _l("Skills"))
    urgency: Mapped[str | None] = field(String(16), _l("Urgency of finding work"), code_list="job_urgency")
    seeker_class: Mapped[str] = field(
        String(16), _l("Job-seeker class"), code_list="seeker_class", required=True, index=True
    )
    hardship_reason: Mapped[str | None] = field(
        String(16),
        _l("Reason for difficulty"),
        code_list="seeker_hardship",
        description=_l("Required for a job seeker with difficulties (R-14)"),
    )
    referral_count: Mapped[int | None] = field(
        Integer,
        _l("Times referred"),
        default=0,
        export="number",
        description=_l("After 3 referrals without work: expert guidance (R-55)"),
    )
    entered_in_system: Mapped[bool | None] = field(
        Boolean, _l("Entered in the job-placement subsystem"), default=False
    )
    told_about_express: Mapped[bool | None] = field(
        Boolean, _l("Told how to register on 就业快车"), default=False
    )
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    person = relationship("Person", lazy="joined", innerjoin=FLAT)  # flat join: see app/domain/matching.py
    # an optional reference (a guidance session's registration): an outer join, or FAB's list query drops rows
    org = relationship("OrgUnit", lazy="joined", foreign_keys="JobSeeker.org_id")
    preferred_town = relationship("OrgUnit", foreign_keys="JobSeeker.preferred_town_id")

    def __str__(self) -> str:
        name = self.person.name if self.person is not None else f"#{self.person_id}"
        return f"{name} {self.registered_on}"

    def ledger_title(self) -> str:
        return self.person.name if self.person is not None else f"#{self.id}"

    def valid_on(self, day: date) -> bool:
        return self.voided_at is None and self.registered_on <= day <= (self.valid_until or day)


class GuidanceSession(LedgerMixin, Model):
    """职业指导: one guidance session of one person (an entry of the 就业服务手册 and the 手工台账)."""

    __tablename__ = "guidance_session"
    __ledger__ = "guidance_session"
    __ledger_label__ = _l("Vocational guidance ledger")

    person_id: Mapped[int] = field(
        Integer, _l("Person"), ForeignKey("person.id"), required=True, index=True, export="number"
    )
    job_seeker_id: Mapped[int | None] = field(
        Integer,
        _l("Job-seeker registration"),
        ForeignKey("job_seeker.id"),
        index=True,
        export="number",
        description=_l("The registration the session belongs to, if any (same person)"),
    )
    held_on: Mapped[date] = field(
        Date, _l("Guidance date"), required=True, export="date", index=True, not_future=True
    )
    mode: Mapped[str] = field(String(16), _l("Guidance mode"), code_list="guidance_mode", required=True)
    duration_minutes: Mapped[int | None] = field(
        Integer,
        _l("Duration (minutes)"),
        export="number",
        description=_l("At least 120 minutes for the guidance training subsidy (R-37)"),
    )
    counsellor_name: Mapped[str] = field(String(50), _l("Vocational counsellor"), required=True)
    plan: Mapped[str | None] = field(
        Text, _l("Guidance plan"), description=_l("Content, time and way of the guidance")
    )
    advice: Mapped[str | None] = field(Text, _l("Guidance given and advice"))
    referred_to: Mapped[str | None] = field(String(16), _l("Referred to"), code_list="guidance_referral")
    self_signed: Mapped[bool | None] = field(
        Boolean,
        _l("Signed by the person in the manual ledger"),
        default=False,
        description=_l("The manual ledger is filled in by the person guided (R-37)"),
    )
    entered_in_system: Mapped[bool | None] = field(
        Boolean, _l("Entered in the vocational guidance subsystem"), default=False
    )

    person = relationship("Person", lazy="joined", innerjoin=FLAT)  # flat join: see app/domain/matching.py
    job_seeker = relationship("JobSeeker")

    def __str__(self) -> str:
        name = self.person.name if self.person is not None else f"#{self.person_id}"
        return f"{name} {self.held_on}"

    def ledger_title(self) -> str:
        return self.person.name if self.person is not None else f"#{self.id}"

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        minutes = values.get("duration_minutes")
        if minutes is not None and minutes != "" and int(minutes) <= 0:
            errors["duration_minutes"] = _l("The duration must be more than 0 minutes")
        return errors
