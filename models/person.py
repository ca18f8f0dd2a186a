"""劳动力基础信息台账 — the labour-force registry (CATALOG E03; 区级 第一章 第一节（一）, 街镇级 第四章 第一节（一）,
社区（村）级 第七章 第一节): every working-age resident of a community, with the fields of the
“七个全掌握” (整体情况、产业分布、年龄结构、学历结构、技能结构、薪酬结构、就业需求). One ID number is one
person in the district; moving to another community is an explicit transfer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped

from models.base import LedgerMixin, Model, field, today
from models.identity import IdNumberError, birth_date_of, gender_of, normalize_id_number, valid_mobile


class Person(LedgerMixin, Model):
    """劳动力: one person of the labour-force registry, kept by their community (居住社区村)."""

    __tablename__ = "person"
    # the home page's counts by unit and status, read from the index alone
    __table_args__ = (Index("ix_person_org_status", "org_id", "employment_status", "voided_at"),)
    __ledger__ = "person"
    __ledger_label__ = _l("Labour-force registry")

    id_number: Mapped[str] = field(
        String(18),
        _l("ID number"),
        required=True,
        natural_key=True,
        export="text",
        pii=True,
        unique=True,
        description=_l("18-digit resident ID; a 15-digit legacy number is converted"),
    )
    name: Mapped[str] = field(String(50), _l("Full name"), required=True, index=True)
    gender: Mapped[str] = field(
        String(16),
        _l("Gender"),
        code_list="gender",
        description=_l("Derived from the ID number when left empty"),
    )
    birth_date: Mapped[date | None] = field(
        Date,
        _l("Birth date"),
        export="date",
        pii=True,
        description=_l("Derived from the ID number when left empty"),
    )
    ethnicity: Mapped[str | None] = field(String(16), _l("Ethnicity"), code_list="ethnicity")
    hukou_type: Mapped[str] = field(String(16), _l("Hukou type"), code_list="hukou_type", required=True)
    hukou_address: Mapped[str | None] = field(String(200), _l("Hukou address"))
    address: Mapped[str | None] = field(String(200), _l("Residential address"))
    phone: Mapped[str | None] = field(String(20), _l("Mobile phone"), export="text", pii=True, index=True)
    marital_status: Mapped[str | None] = field(String(16), _l("Marital status"), code_list="marital_status")
    education: Mapped[str | None] = field(String(16), _l("Education"), code_list="education", index=True)
    skill_level: Mapped[str | None] = field(
        String(16), _l("Skill level"), code_list="skill_level", index=True
    )
    occupation: Mapped[str | None] = field(String(100), _l("Occupation / certificate"))
    category: Mapped[str | None] = field(String(16), _l("Person category"), code_list="person_category")
    employment_status: Mapped[str] = field(
        String(16), _l("Employment status"), code_list="employment_status", required=True, index=True
    )
    employer_name: Mapped[str | None] = field(String(200), _l("Employing unit"))
    industry: Mapped[str | None] = field(String(16), _l("Industry"), code_list="industry", index=True)
    monthly_wage: Mapped[int | None] = field(Integer, _l("Monthly wage (yuan)"), export="number")
    able_to_work: Mapped[bool] = field(Boolean, _l("Able to work"), default=True)
    willing_to_work: Mapped[bool] = field(Boolean, _l("Willing to work"), default=True)
    unemployed_reason: Mapped[str | None] = field(
        String(16), _l("Reason not employed"), code_list="unemployed_reason"
    )
    employment_need: Mapped[str | None] = field(
        String(16), _l("Employment need"), code_list="employment_need"
    )
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def __str__(self) -> str:
        return f"{self.name}"

    @property
    def age(self) -> int | None:
        return age_on(self.birth_date, today()) if self.birth_date else None

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        """Normalise the ID number and derive gender and birth date from it; return field errors."""
        errors: dict[str, Any] = {}
        raw = values.get("id_number")
        if raw:
            try:
                values["id_number"] = number = normalize_id_number(raw)
            except IdNumberError as exc:
                errors["id_number"] = exc.message
            else:
                derived_gender, derived_birth = gender_of(number), birth_date_of(number)
                if not values.get("gender"):
                    values["gender"] = derived_gender
                elif values["gender"] != derived_gender:
                    errors["gender"] = _l("Gender contradicts the ID number")
                if not values.get("birth_date"):
                    values["birth_date"] = derived_birth
                elif values["birth_date"] != derived_birth:
                    errors["birth_date"] = _l("Birth date contradicts the ID number")
        phone = values.get("phone")
        if phone:
            values["phone"] = phone = "".join(phone.split())
            if not valid_mobile(phone):
                errors["phone"] = _l("Not a valid mainland mobile number (11 digits starting with 1)")
        wage = values.get("monthly_wage")
        if wage is not None and wage < 0:
            errors["monthly_wage"] = _l("Wage cannot be negative")
        return errors


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
