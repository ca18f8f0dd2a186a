"""公益性岗位 — public-welfare posts (CATALOG E19, SM-09, WF-11, R-41..R-53; 区级 第一章 第三节（五）
L785–821, 京人社办发〔2009〕7号, 顺人社字〔2010〕49号).

- 协管员花名册 `welfare_post_worker`: a labour-force person employed by a 社区公益性就业组织 (the org unit),
  with the 劳动合同 dates, the 1-month 试用期, 上岗/解除 dates, base and floating wage (R-42) and the birth
  date of an only child (独生子女费, R-51).
- 公益性岗位月度待遇 `welfare_payment`: the pay of one worker for one month “核定的工资、保险及福利待遇”,
  computed by app/domain/welfare.py from the calculator app/rules/welfare_pay.py and the policy parameters in force
  (stored with `rule_readings`), then 录入系统 → 主管领导 signs the 《顺义区公益性专项补贴审批表》 (每月20日,
  R-53) → 拨付.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, Numeric, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin

MONEY = Numeric(12, 2)


def one_month_after(start: date) -> date:
    """The last day of the 1-month probation (试用期 1 个月) that starts on `start`."""
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day) - timedelta(days=1)
        except ValueError:
            continue
    raise ValueError(start)


class WelfarePostWorker(LedgerMixin, Model):
    """协管员花名册: one 协管员 on a public-welfare post (CATALOG E19)."""

    __tablename__ = "welfare_post_worker"
    __ledger__ = "welfare_post_worker"
    __ledger_label__ = _l("Public-welfare post worker roster")

    person_id: Mapped[int] = field(
        Integer, _l("Person"), ForeignKey("person.id"), required=True, index=True, export="number"
    )
    person = relationship("Person", lazy="joined")
    contract_start: Mapped[date] = field(Date, _l("Labour contract from"), required=True, export="date")
    contract_end: Mapped[date] = field(Date, _l("Labour contract until"), required=True, export="date")
    start_date: Mapped[date] = field(Date, _l("On post from"), required=True, export="date")
    probation_end: Mapped[date | None] = field(
        Date,
        _l("Probation ends"),
        export="date",
        description=_l("One month from the day on post when left empty"),
    )
    leave_date: Mapped[date | None] = field(Date, _l("Contract ended on"), export="date")
    left_in_probation: Mapped[bool] = field(
        Boolean,
        _l("Ended during probation"),
        default=False,
        description=_l("No welfare benefits when the contract ended during probation"),
    )
    base_wage: Mapped[Decimal] = field(
        MONEY,
        _l("Base wage"),
        required=True,
        export="number",
        description=_l("At least the Beijing minimum wage of the year"),
    )
    floating_wage: Mapped[Decimal] = field(
        MONEY,
        _l("Floating wage"),
        required=True,
        default=Decimal(0),
        export="number",
        description=_l("At most 15 percent of the base wage"),
    )
    child_birth_date: Mapped[date | None] = field(
        Date,
        _l("Only child born on"),
        export="date",
        pii=True,
        description=_l("The one-child fee is paid up to the month the child turns 18"),
    )
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def ledger_title(self) -> str:
        return self.person.name if self.person is not None else f"#{self.id}"

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        begin, end = values.get("contract_start"), values.get("contract_end")
        start, leave = values.get("start_date"), values.get("leave_date")
        if begin and end and end < begin:
            errors["contract_end"] = _l("The contract cannot end before it starts")
        if start and begin and start < begin:
            errors["start_date"] = _l("The worker cannot be on post before the contract starts")
        if start and leave and leave < start:
            errors["leave_date"] = _l("The contract cannot end before the day on post")
        if start and not values.get("probation_end"):
            values["probation_end"] = one_month_after(start)
        for name in ("base_wage", "floating_wage"):
            amount = values.get(name)
            if isinstance(amount, Decimal) and amount < 0:
                errors[name] = _l("Cannot be negative")
        return errors


class WelfarePayment(WorkflowStateMixin, LedgerMixin, Model):
    """公益性岗位月度待遇: the pay of one 协管员 for one month (R-42..R-51), and its approval (R-53)."""

    __tablename__ = "welfare_payment"
    __ledger__ = "welfare_payment"
    __ledger_label__ = _l("Public-welfare post monthly pay ledger")

    worker_id: Mapped[int] = field(
        Integer,
        _l("Public-welfare post worker"),
        ForeignKey("welfare_post_worker.id"),
        required=True,
        index=True,
        export="number",
    )
    worker = relationship("WelfarePostWorker", lazy="joined")
    pay_month: Mapped[date] = field(
        Date,
        _l("Pay month"),
        required=True,
        export="date",
        description=_l("Any day of the month; the parameters in force on its first day apply"),
    )
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))
    # derived by app/domain/welfare.py (not typed in, not imported): line items, totals, the parameter rows used
    wage_total: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    welfare_total: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    unit_contributions: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    individual_contributions: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    net_pay: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    subsidy_total: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    items: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    rule_readings: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    __derived__ = (
        "wage_total",
        "welfare_total",
        "unit_contributions",
        "individual_contributions",
        "net_pay",
        "subsidy_total",
        "items",
        "rule_readings",
    )

    def ledger_title(self) -> str:
        name = self.worker.ledger_title() if self.worker is not None else f"#{self.worker_id}"
        return f"{name} {self.pay_month:%Y-%m}" if self.pay_month else name

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        month = values.get("pay_month")
        if isinstance(month, date):
            values["pay_month"] = month.replace(day=1)
        return {}
