"""自谋职业 / 灵活就业 社会保险补贴 — the social-insurance subsidy of self-employed and flexibly employed persons
(CATALOG SM-03, WF-07, WF-08, WF-54, R-31..R-33, R-39, LG-33..LG-40; 区级 第一章 第三节（一）（二） L552–632,
街镇级 第四章 第三节（二） L2083–2107): the street/town receives the 《自谋、灵活就业社会保险补贴申请表》,
verifies on site and reports to 区劳动服务管理中心; the district reviews within 5 working days, checks on
site (“对未就业或未实际经营的不予上报”, “对未从事灵活就业的人员不予上报”), approves in the city system,
reports to 市人力资源和社会保障局 (请示, 花名册, 核查记录) and passes the 批复 on; the street/town signs the
agreement, reports the medical-insurance addition, tells the person the deposit bank and amount, and then
checks the passbook's deductions every month (SiDeductionCheck, R-39).

The amount is the monthly standard of the kind in force on the application date (policy parameter
`si_subsidy.<kind>.monthly`) times the months of the subsidy period; `rule_readings` keeps the row used.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin

SELF_EMPLOYED, FLEXIBLE = "1", "2"
# 区实地核查 results (区级 第一章 第三节（一）2 L562, （二）2 L604): which kind each belongs to and whether
# the case may go on to the city; a negative one ends in 不予上报
CHECK_RESULTS: dict[str, tuple[str, str, bool]] = {  # code: (label, kind, positive)
    "11": ("已实际经营", SELF_EMPLOYED, True),
    "12": ("未就业", SELF_EMPLOYED, False),
    "13": ("未实际经营", SELF_EMPLOYED, False),
    "21": ("从事灵活就业", FLEXIBLE, True),
    "22": ("未从事灵活就业", FLEXIBLE, False),
}


class SiSubsidy(WorkflowStateMixin, LedgerMixin, Model):
    """社会保险补贴申请: one person's application for the 自谋职业（自主创业） or 灵活就业 social-insurance
    subsidy, from the street/town's intake to the months of receiving it (享受社会保险补贴人员台账)."""

    __tablename__ = "si_subsidy"
    __ledger__ = "si_subsidy"
    __ledger_label__ = _l("Social-insurance subsidy (self-employed / flexible) ledger")

    person_id: Mapped[int] = field(
        Integer,
        _l("Applicant"),
        ForeignKey("person.id"),
        required=True,
        index=True,
        export="number",
        description=_l("The applicant in the labour-force registry"),
    )
    person = relationship("Person", lazy="joined")
    kind: Mapped[str] = field(String(2), _l("Subsidy kind"), code_list="si_subsidy_kind", required=True)
    business_name: Mapped[str | None] = field(
        String(200), _l("Business name"), description=_l("Self-employed: the business run")
    )
    licence_number: Mapped[str | None] = field(
        String(30),
        _l("Business licence number"),
        export="text",
        description=_l("Self-employed: registration number or unified social credit code"),
    )
    business_address: Mapped[str | None] = field(String(200), _l("Business or work address"))
    flexible_form: Mapped[str | None] = field(
        String(200),
        _l("Form of flexible employment"),
        description=_l("Flexible employment: the work done, e.g. hourly work, home services"),
    )
    applied_on: Mapped[date] = field(
        Date,
        _l("Applied on"),
        required=True,
        export="date",
        not_future=True,
        description=_l("The standard in force on this day applies"),
    )
    months: Mapped[int] = field(
        Integer, _l("Subsidy period (months)"), required=True, default=12, export="number"
    )
    phone: Mapped[str | None] = field(String(40), _l("Contact phone"), export="text", pii=True)
    # written by the workflow steps (Input.to_field), through the same validation
    town_check_record: Mapped[str | None] = field(Text, _l("Street/town verification record"))
    reported_on: Mapped[date | None] = field(
        Date, _l("Reported to the district on"), export="date", not_future=True
    )
    check_result: Mapped[str | None] = field(
        String(2), _l("District on-site check result"), code_list="si_check_result"
    )
    district_check_record: Mapped[str | None] = field(Text, _l("District on-site check record"))
    city_request: Mapped[str | None] = field(Text, _l("Request to the city bureau"))
    city_approved_on: Mapped[date | None] = field(
        Date, _l("City approval received on"), export="date", not_future=True
    )
    approval_ref: Mapped[str | None] = field(String(100), _l("City approval reference"))
    agreement_signed_on: Mapped[date | None] = field(
        Date, _l("Agreement signed on"), export="date", not_future=True
    )
    deposit_bank: Mapped[str | None] = field(String(100), _l("Deposit bank"))
    monthly_deduction: Mapped[Decimal | None] = field(
        Numeric(12, 2),
        _l("Monthly deduction (yuan)"),
        export="number",
        description=_l("The amount the passbook should show deducted each month"),
    )
    started_on: Mapped[date | None] = field(Date, _l("Subsidy starts on"), export="date")
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))
    # derived by app/domain/si_subsidy.py (not typed in, not imported): the standard, the amount and the row used
    monthly_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    rule_readings: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    __derived__ = ("monthly_amount", "amount", "rule_readings")

    def ledger_title(self) -> str:
        return self.person.name if self.person is not None else f"#{self.person_id}"

    def __str__(self) -> str:
        return self.ledger_title()

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        months = values.get("months")
        if isinstance(months, int) and months < 1:
            errors["months"] = _l("Must be at least 1")
        deduction = values.get("monthly_deduction")
        if isinstance(deduction, Decimal) and deduction < 0:
            errors["monthly_deduction"] = _l("Cannot be negative")
        return errors

    def check_field_result(self, inputs: dict[str, Any], today: date, positive: bool) -> dict[str, Any]:
        """区实地核查: the result must be one of the record's kind, and of the step chosen — a negative
        result (R-32 未就业 / 未实际经营, R-33 未从事灵活就业) can only end in 不予上报."""
        label, kind, is_positive = CHECK_RESULTS.get(inputs.get("result", ""), ("", "", False))
        if kind != self.kind:
            return {"result": _l("This result is not one of the checks of this subsidy kind")}
        if positive and not is_positive:
            rule = "R-32" if self.kind == SELF_EMPLOYED else "R-33"
            return {
                "result": _l(
                    "“%(result)s”: not reported to the city (%(rule)s); choose “Not reported”",
                    result=label,
                    rule=rule,
                )
            }
        if not positive and is_positive:
            return {"result": _l("“%(result)s” meets the conditions: use the passing check", result=label)}
        return {}

    def check_passed(self, inputs: dict[str, Any], today: date) -> dict[str, Any]:
        return self.check_field_result(inputs, today, positive=True)

    def check_failed(self, inputs: dict[str, Any], today: date) -> dict[str, Any]:
        return self.check_field_result(inputs, today, positive=False)


class SiDeductionCheck(LedgerMixin, Model):
    """扣款核实记录: the street/town's monthly check of one beneficiary's passbook — the amount that should
    have been deducted against the amount deducted (R-39 “每月检查存折的扣款情况、核实扣款额”)."""

    __tablename__ = "si_deduction_check"
    __ledger__ = "si_deduction_check"
    __ledger_label__ = _l("Social-insurance subsidy deduction check ledger")

    subsidy_id: Mapped[int] = field(
        Integer,
        _l("Social-insurance subsidy"),
        ForeignKey("si_subsidy.id"),
        required=True,
        index=True,
        export="number",
    )
    subsidy = relationship("SiSubsidy", lazy="joined")
    month: Mapped[date] = field(
        Date,
        _l("Month checked"),
        required=True,
        export="date",
        not_future=True,
        description=_l("Any day of the month"),
    )
    expected_amount: Mapped[Decimal] = field(
        Numeric(12, 2),
        _l("Amount due to be deducted (yuan)"),
        required=True,
        export="number",
    )
    deducted_amount: Mapped[Decimal] = field(
        Numeric(12, 2), _l("Amount deducted (yuan)"), required=True, export="number"
    )
    note: Mapped[str | None] = field(Text, _l("Note"))
    # derived by app/domain/si_subsidy.py: whether the passbook shows the amount due
    matches: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    __derived__ = ("matches",)

    def ledger_title(self) -> str:
        name = self.subsidy.ledger_title() if self.subsidy is not None else f"#{self.subsidy_id}"
        return f"{name} {self.month:%Y-%m}" if self.month else name

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        month = values.get("month")
        if isinstance(month, date):
            values["month"] = month.replace(day=1)  # the flag's check (not_future) comes after clean()
        for name in ("expected_amount", "deducted_amount"):
            value = values.get(name)
            if isinstance(value, Decimal) and value < 0:
                errors[name] = _l("Cannot be negative")
        return errors


__all__ = ["SiSubsidy", "SiDeductionCheck", "SELF_EMPLOYED", "FLEXIBLE"]
