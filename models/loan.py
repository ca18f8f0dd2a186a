"""小额担保贷款台账 — guaranteed loans (CATALOG E16, SM-04/05/06, WF-09, WF-10, WF-55, WF-70, R-16..R-28;
区级 第一章 第三节（三）（四）, 街镇级 第四章 第三节（三）, 第五章 第四节（五）): a loan for a small enterprise
founded by unemployed persons (自主/合伙创办, reviewed by the district), a labour-intensive small enterprise
(认定 by the district, 复审 by 区财政局) or an individual business (个体工商户, handled by the street/town),
from the inquiry through materials, review, guarantor and bank, disbursement, post-loan checks, the loan
file and repayment (按时/提前还款, 代偿, 追偿). Eligibility (R-16..R-21) is app/rules/loan_eligibility.py
with the figures of the policy parameters in force on the application day; `rule_readings` keeps them.

Also here: 贷后检查 (PostLoanCheck, LG-49, CK-07, R-24..R-26) and 贷款贴息审核 (InterestSubsidy, R-28,
CK-03, RP-10).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin

SMALL_ENTERPRISE, LABOUR_INTENSIVE, INDIVIDUAL = "1", "2", "3"
# loan_repayment: on time and early can earn the interest subsidy; 代偿 and 追偿 are set by their steps
REPAYING, ON_TIME, EARLY, COMPENSATED, RECOURSE = "1", "2", "3", "4", "5"


def not_before(
    values: dict[str, Any], errors: dict[str, Any], later: str, earlier: str, message: Any
) -> None:
    a, b = values.get(later), values.get(earlier)
    if isinstance(a, date) and isinstance(b, date) and a < b and later not in errors:
        errors[later] = message


def not_negative(values: dict[str, Any], errors: dict[str, Any], *names: str) -> None:
    for name in names:
        value = values.get(name)
        if isinstance(value, int) and value < 0:
            errors[name] = _l("Cannot be negative")


class Loan(WorkflowStateMixin, LedgerMixin, Model):
    """小额担保贷款: one loan application of one borrower, through to repayment."""

    __tablename__ = "loan"
    __ledger__ = "loan"
    __ledger_label__ = _l("Guaranteed loan ledger")

    loan_type: Mapped[str] = field(String(2), _l("Loan type"), code_list="loan_type", required=True)
    person_id: Mapped[int] = field(
        Integer,
        _l("Borrower"),
        ForeignKey("person.id"),
        required=True,
        index=True,
        export="number",
        description=_l("The founder, partner or business owner in the labour-force registry"),
    )
    person = relationship("Person", lazy="joined")
    enterprise_name: Mapped[str | None] = field(String(200), _l("Enterprise or business name"))
    credit_code: Mapped[str | None] = field(String(18), _l("Unified social credit code"), export="text")
    industry: Mapped[str | None] = field(String(4), _l("Industry"), code_list="industry")
    business: Mapped[str] = field(
        String(4),
        _l("Business category"),
        code_list="loan_business",
        required=True,
        default="00",
        description=_l("Some categories cannot receive a guaranteed loan (R-16, R-17)"),
    )
    applied_on: Mapped[date] = field(
        Date,
        _l("Application received on"),
        required=True,
        export="date",
        not_future=True,
        description=_l("The policy figures in force on this day apply"),
    )
    amount: Mapped[int] = field(Integer, _l("Loan amount (yuan)"), required=True, export="number")
    purpose: Mapped[str | None] = field(Text, _l("Business plan and use of the funds"))
    own_funds: Mapped[int | None] = field(
        Integer,
        _l("Own funds (yuan)"),
        export="number",
        description=_l("Small enterprise: not below the share of the loan the policy sets (R-19)"),
    )
    investment: Mapped[int | None] = field(
        Integer,
        _l("Business investment (yuan)"),
        export="number",
        description=_l("Individual business: above the share of the loan the policy sets (R-20)"),
    )
    top_tier: Mapped[bool] = field(
        Boolean,
        _l("Applies for the 500,000-yuan tier"),
        default=False,
        description=_l("Needs the additional materials of CK-02 (R-21)"),
    )
    staff_count: Mapped[int | None] = field(
        Integer, _l("Current staff"), export="number", description=_l("Labour-intensive enterprise (R-18)")
    )
    new_hires: Mapped[int | None] = field(
        Integer,
        _l("Unemployed persons hired this year"),
        export="number",
        description=_l("Registered unemployed of the city, contracts of at least one year (R-18)"),
    )
    policy_discouraged: Mapped[bool] = field(
        Boolean, _l("Discouraged by national industrial policy"), default=False
    )
    capital_intensive: Mapped[bool] = field(Boolean, _l("Capital-intensive"), default=False)
    credit_community: Mapped[bool] = field(
        Boolean,
        _l("Credit community"),
        default=False,
        description=_l("Individual business in a credit community: its review follows the local rules"),
    )
    materials_complete_on: Mapped[date | None] = field(
        Date, _l("Materials complete on"), export="date", not_future=True
    )
    certified_on: Mapped[date | None] = field(
        Date, _l("Labour-intensive certificate issued on"), export="date"
    )
    reported_to_district_on: Mapped[date | None] = field(
        Date, _l("Reported to the district labour service centre on"), export="date"
    )
    sent_to_guarantor_on: Mapped[date | None] = field(Date, _l("Sent to the guarantor on"), export="date")
    guarantor: Mapped[str | None] = field(String(200), _l("Guarantor"))
    bank: Mapped[str | None] = field(String(200), _l("Lending bank"))
    disbursed_on: Mapped[date | None] = field(Date, _l("Funds arrived on"), export="date", not_future=True)
    term_months: Mapped[int | None] = field(Integer, _l("Loan term (months)"), export="number")
    file_created_on: Mapped[date | None] = field(
        Date, _l("Loan file created on"), export="date", not_future=True
    )
    repayment_status: Mapped[str] = field(
        String(2), _l("Repayment status"), code_list="loan_repayment", default="1", nullable=False
    )
    bad_record: Mapped[bool] = field(Boolean, _l("Bad credit record"), default=False)
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))
    # derived by app/domain/loan.py: the eligibility figures used and the result (not typed in, not imported)
    rule_readings: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    __derived__ = ("rule_readings",)

    def ledger_title(self) -> str:
        name = self.person.name if self.person is not None else f"#{self.person_id}"
        return f"{name} {self.enterprise_name}" if self.enterprise_name else name

    def __str__(self) -> str:
        return f"{self.ledger_title()}（{self.amount} 元）"

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        not_negative(values, errors, "own_funds", "investment", "staff_count", "new_hires", "term_months")
        not_before(
            values,
            errors,
            "materials_complete_on",
            "applied_on",
            _l("Materials cannot be complete before the application"),
        )
        not_before(
            values, errors, "disbursed_on", "applied_on", _l("Funds cannot arrive before the application")
        )
        not_before(
            values,
            errors,
            "file_created_on",
            "disbursed_on",
            _l("The loan file comes after the disbursement"),
        )
        staff, hires = values.get("staff_count"), values.get("new_hires")
        if isinstance(staff, int) and isinstance(hires, int) and hires > staff and "new_hires" not in errors:
            errors["new_hires"] = _l("Cannot exceed the current staff")
        return errors


class PostLoanCheck(LedgerMixin, Model):
    """贷后检查登记: one post-loan check of one loan, item by item (CK-07), with the written report of a
    major change (R-26)."""

    __tablename__ = "post_loan_check"
    __table_args__ = (
        Index("ix_post_loan_check_report_due", "written_report_on", "report_due_on"),
    )  # 超期督办
    __ledger__ = "post_loan_check"
    __ledger_label__ = _l("Post-loan check ledger")

    loan_id: Mapped[int] = field(
        Integer, _l("Loan"), ForeignKey("loan.id"), required=True, index=True, export="number"
    )
    loan = relationship("Loan", lazy="joined")
    checked_on: Mapped[date] = field(Date, _l("Checked on"), required=True, export="date", not_future=True)
    method: Mapped[str] = field(String(2), _l("Check method"), code_list="loan_check_method", required=True)
    on_site: Mapped[bool] = field(
        Boolean,
        _l("On-site check"),
        default=False,
        description=_l("The borrower and the business premises seen in person (at least once a quarter)"),
    )
    funds_use: Mapped[bool] = field(Boolean, _l("Use of the loan funds checked"), default=False)
    operations: Mapped[bool] = field(Boolean, _l("Production and business checked"), default=False)
    health: Mapped[bool] = field(Boolean, _l("Health and ability to work checked"), default=False)
    misconduct: Mapped[bool] = field(Boolean, _l("Crimes, violations and penalties checked"), default=False)
    guarantor_standing: Mapped[bool] = field(
        Boolean, _l("Guarantor's standing and capacity checked"), default=False
    )
    collateral: Mapped[bool] = field(Boolean, _l("Collateral and its value checked"), default=False)
    personal_changes: Mapped[bool] = field(
        Boolean, _l("Address, business place, phone, marriage and property changes checked"), default=False
    )
    findings: Mapped[str | None] = field(Text, _l("Findings"))
    major_change: Mapped[bool] = field(
        Boolean,
        _l("Major change found"),
        default=False,
        description=_l("A written report is due within 3 working days (R-26)"),
    )
    issue_found_on: Mapped[date | None] = field(Date, _l("Problem found on"), export="date", not_future=True)
    written_report_on: Mapped[date | None] = field(
        Date, _l("Written report made on"), export="date", not_future=True
    )
    # derived by app/domain/loan.py: the found day + 3 working days
    report_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    __derived__ = ("report_due_on",)

    ITEMS = (
        "funds_use",
        "operations",
        "health",
        "misconduct",
        "guarantor_standing",
        "collateral",
        "personal_changes",
    )

    def ledger_title(self) -> str:
        return f"{self.loan.ledger_title() if self.loan is not None else self.loan_id} {self.checked_on}"

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        if "major_change" in values and values.get("major_change") and not values.get("issue_found_on"):
            errors["issue_found_on"] = _l("Give the day the major change was found")
        not_before(
            values,
            errors,
            "written_report_on",
            "issue_found_on",
            _l("The report cannot come before the problem was found"),
        )
        return errors


class InterestSubsidy(WorkflowStateMixin, LedgerMixin, Model):
    """贷款贴息审核: the interest-subsidy application of a loan repaid on time or early with no bad record
    (R-28), with the interest paid each quarter (CK-03 item 7) and 区财政's approval."""

    __tablename__ = "interest_subsidy"
    __ledger__ = "interest_subsidy"
    __ledger_label__ = _l("Loan interest subsidy ledger")

    loan_id: Mapped[int] = field(
        Integer, _l("Loan"), ForeignKey("loan.id"), required=True, index=True, export="number"
    )
    loan = relationship("Loan", lazy="joined")
    applied_on: Mapped[date] = field(Date, _l("Applied on"), required=True, export="date", not_future=True)
    quarterly_interest: Mapped[str] = field(
        Text,
        _l("Interest paid each quarter"),
        required=True,
        description=_l("One quarter a line, e.g. “2026Q1 1234.56”"),
    )
    finance_approved_on: Mapped[date | None] = field(
        Date, _l("Approved by the district finance bureau on"), export="date", not_future=True
    )
    approval_ref: Mapped[str | None] = field(String(100), _l("Approval reference"))
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))
    # derived by app/domain/loan.py from the quarterly list
    total_interest: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    __derived__ = ("total_interest",)

    def ledger_title(self) -> str:
        return self.loan.ledger_title() if self.loan is not None else f"#{self.loan_id}"
