"""推荐记录 — referrals (CATALOG E07; R-54..R-59; WF-24, WF-62, WF-65, WF-84; 街镇级 第五章 第二节（四）、第三节（三）,
社区（村）级 第八章 第一节（二）): one job seeker (a valid 求职登记) recommended for one vacancy, either as
推荐岗位 (the seeker is given the post, with a 《推荐介绍信》) or as 用人推荐 (the seeker is among the candidates
sent to the employer, listed on the 《推荐人员花名册》). A 求职困难人员 is accompanied to the interview (R-58).
The interview (time, place, form), the outcome and an escalation are recorded on the same row; the follow-ups
the rules schedule (FU-01, FU-02, FU-05..FU-07) and the seeker's referral count are in app/domain/referral.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from models.base import FLAT, LedgerMixin, Model, field


class Referral(LedgerMixin, Model):
    """推荐: one referral of one job-seeker registration to one vacancy (and so its employer)."""

    __tablename__ = "referral"
    __ledger__ = "referral"
    __ledger_label__ = _l("Referral records")

    job_seeker_id: Mapped[int] = field(
        Integer,
        _l("Job-seeker registration"),
        ForeignKey("job_seeker.id"),
        required=True,
        index=True,
        export="number",
    )
    person_id: Mapped[int] = field(
        Integer,
        _l("Person"),
        ForeignKey("person.id"),
        required=True,
        index=True,
        export="number",
        description=_l("Taken from the job-seeker registration"),
    )
    vacancy_id: Mapped[int] = field(
        Integer,
        _l("Vacancy"),
        ForeignKey("vacancy.id"),
        required=True,
        index=True,
        export="number",
        public=True,
        description=_l("A published vacancy of the district (vacancies are public information)"),
    )
    employer_id: Mapped[int] = field(
        Integer,
        _l("Employer"),
        ForeignKey("employer.id"),
        required=True,
        index=True,
        export="number",
        public=True,
        description=_l("Taken from the vacancy"),
    )
    direction: Mapped[str] = field(
        String(16), _l("Referral direction"), code_list="referral_direction", required=True, index=True
    )
    referred_on: Mapped[date] = field(
        Date, _l("Referred on"), required=True, export="date", index=True, not_future=True
    )
    at_counter: Mapped[bool | None] = field(
        Boolean,
        _l("Matched at the service counter"),
        default=False,
        description=_l("A counter match is followed up within 30 days (R-54)"),
    )
    accompanied: Mapped[bool | None] = field(
        Boolean,
        _l("Accompanied to the interview"),
        default=False,
        description=_l("Required for a job seeker with difficulties (R-58)"),
    )
    interview_on: Mapped[date | None] = field(Date, _l("Interview date"), export="date")
    interview_time: Mapped[str | None] = field(String(20), _l("Interview time"))
    interview_place: Mapped[str | None] = field(String(200), _l("Interview place"))
    interview_mode: Mapped[str | None] = field(String(16), _l("Interview form"), code_list="interview_mode")
    outcome: Mapped[str | None] = field(
        String(16), _l("Referral outcome"), code_list="referral_outcome", index=True
    )
    outcome_on: Mapped[date | None] = field(Date, _l("Outcome recorded on"), export="date")
    escalation: Mapped[str | None] = field(String(16), _l("Escalated to"), code_list="referral_escalation")
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    job_seeker = relationship("JobSeeker", lazy="joined", innerjoin=FLAT)
    person = relationship("Person", lazy="joined", innerjoin=FLAT)
    vacancy = relationship("Vacancy", lazy="joined", innerjoin=FLAT)
    employer = relationship("Employer", lazy="joined", innerjoin=FLAT)

    def __str__(self) -> str:
        return f"{self.ledger_title()} {self.referred_on}"

    def ledger_title(self) -> str:
        name = self.person.name if self.person is not None else f"#{self.person_id}"
        post = self.vacancy.ledger_title() if self.vacancy is not None else f"#{self.vacancy_id}"
        return f"{name} → {post}"

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        referred = values.get("referred_on")
        for name in ("interview_on", "outcome_on"):
            day = values.get(name)
            if isinstance(day, date) and isinstance(referred, date) and day < referred:
                errors[name] = _l("Cannot be before the referral date")
        if values.get("outcome") and "outcome_on" in values and not values.get("outcome_on"):
            errors["outcome_on"] = _l("Please give the date of the outcome")
        return errors
