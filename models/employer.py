"""用人单位信息台账 — the employers of a street/town (CATALOG E04, CK-28; 街镇级 第四章 第一节（二）1–2,
社区（村）级 第七章 第三节（一）1): the 用人单位底数 (法定代表人、人力资源负责人、联系方式、用工情况、产业分布、
单位规模), the key-project flags with the 就业三同时 dates (项目建设时间、竣工时间), and the qualification
check of 招聘登记 (CK-14; WF-63: 营业执照副本、组织机构代码证、经办人介绍信及身份证) without which no vacancy of
the employer is published. One 统一社会信用代码 is one employer in the district.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped

from models.base import LedgerMixin, Model, field
from models.identity import IdNumberError, normalize_credit_code

CK14_ITEMS = ("ck14_license", "ck14_org_code", "ck14_agent_letter")


class Employer(LedgerMixin, Model):
    """用人单位: one employer, kept by the unit (town or community) that registered it."""

    __tablename__ = "employer"
    __ledger__ = "employer"
    __ledger_label__ = _l("Employer ledger")

    credit_code: Mapped[str] = field(
        String(18),
        _l("Unified social credit code"),
        required=True,
        natural_key=True,
        export="text",
        unique=True,
        description=_l("18 characters (GB 32100); letters are stored in upper case"),
    )
    name: Mapped[str] = field(String(200), _l("Employer name"), required=True, index=True)
    industry: Mapped[str | None] = field(String(16), _l("Industry"), code_list="industry", index=True)
    size: Mapped[str | None] = field(String(16), _l("Enterprise size"), code_list="employer_size")
    ownership: Mapped[str | None] = field(String(16), _l("Enterprise type"), code_list="employer_ownership")
    legal_representative: Mapped[str | None] = field(String(50), _l("Legal representative"))
    hr_contact: Mapped[str | None] = field(String(50), _l("HR contact"))
    hr_phone: Mapped[str | None] = field(String(30), _l("HR contact phone"), export="text")
    address: Mapped[str | None] = field(String(200), _l("Address"))
    employees: Mapped[int | None] = field(Integer, _l("Employees"), export="number")
    key_project: Mapped[bool] = field(Boolean, _l("Key project"), default=False)
    key_enterprise: Mapped[bool] = field(Boolean, _l("Key enterprise"), default=False)
    new_build: Mapped[bool] = field(Boolean, _l("Newly built"), default=False)
    expansion: Mapped[bool] = field(Boolean, _l("New, rebuilt or expanded"), default=False)
    construction_on: Mapped[date | None] = field(
        Date,
        _l("Project construction date"),
        export="date",
        description=_l("Required for a newly built or expanded project (就业三同时)"),
    )
    completion_on: Mapped[date | None] = field(Date, _l("Project completion date"), export="date")
    ck14_license: Mapped[bool] = field(Boolean, _l("Business licence (copy) checked"), default=False)
    ck14_org_code: Mapped[bool] = field(Boolean, _l("Organisation code certificate checked"), default=False)
    ck14_agent_letter: Mapped[bool] = field(
        Boolean, _l("Agent's letter of introduction and ID checked"), default=False
    )
    ck14_checked_on: Mapped[date | None] = field(
        Date,
        _l("Qualification checked on"),
        export="date",
        description=_l("Recruitment registration (CK-14): vacancies are published only after this check"),
    )
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def __str__(self) -> str:
        return self.name

    def ledger_title(self) -> str:
        return self.name

    @property
    def qualification_checked(self) -> bool:
        """CK-14 done: every item seen and the date recorded."""
        return self.ck14_checked_on is not None and all(getattr(self, item) for item in CK14_ITEMS)

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        raw = values.get("credit_code")
        if raw:
            try:
                values["credit_code"] = normalize_credit_code(raw)
            except IdNumberError as exc:
                errors["credit_code"] = exc.message
        phone = values.get("hr_phone")
        if phone:
            values["hr_phone"] = phone = "".join(phone.split())
            if not all(ch.isdigit() or ch in "-+()" for ch in phone):
                errors["hr_phone"] = _l("A telephone number has only digits and -")
        if values.get("employees") is not None and values["employees"] < 0:
            errors["employees"] = _l("Cannot be negative")
        if values.get("new_build") or values.get("expansion"):
            for name in ("construction_on", "completion_on"):
                if not values.get(name):
                    errors[name] = _l("Required for a newly built or expanded project")
        start, end = values.get("construction_on"), values.get("completion_on")
        if start and end and end < start:
            errors["completion_on"] = _l("Completion cannot come before construction")
        ticked = any(values.get(item) for item in CK14_ITEMS)
        if ticked and not values.get("ck14_checked_on"):
            errors["ck14_checked_on"] = _l("Give the date of the qualification check")
        return errors
