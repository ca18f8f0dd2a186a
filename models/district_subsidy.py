"""区级就业再就业优惠政策 — district preferential-policy subsidies (CATALOG SM-07, WF-12, R-34, R-35, LG-54,
E18; 区级 第一章 第三节（六） L823–851, 顺劳社字〔2009〕42号): an application by a unit or a person for one
of the five subsidies (城乡就业困难人员补贴, 安置奖励金, 推荐就业奖励金, 岗位见习训练补贴, 自主创业吸纳
就业奖励金), reviewed 初审 (职业介绍服务中心) → 复审 (就业促进科) → 终审 (第三方), published for a week, summed
up for 区财政局 when nobody objected, paid and archived. The amount is the standard in force on the
application date (policy parameter `district_subsidy.<type>.amount`) times the number of persons or months;
`rule_readings` records which parameter rows it used.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import LedgerMixin, Model, field
from models.identity import IdNumberError, normalize_id_number
from models.workflow import WorkflowStateMixin

PERSON = "2"


DISTRICT_SUBSIDY_TYPES = (  # 区级 第一章 第三节（六） L825; CATALOG E18
    ("D1", "城乡就业困难人员补贴"),
    ("D2", "安置奖励金"),
    ("D3", "推荐就业奖励金"),
    ("D4", "岗位见习训练补贴"),
    ("D5", "自主创业吸纳就业奖励金"),
)


class DistrictSubsidy(WorkflowStateMixin, LedgerMixin, Model):
    """区级优惠政策申请: one application for one of the five district subsidies."""

    __tablename__ = "district_subsidy"
    __ledger__ = "district_subsidy"
    __ledger_label__ = _l("District preferential-policy subsidy ledger")

    subsidy_type: Mapped[str] = field(
        String(8), _l("Subsidy type"), code_list="district_subsidy_type", required=True
    )
    applicant_kind: Mapped[str] = field(
        String(4), _l("Applicant is"), code_list="applicant_kind", required=True
    )
    applicant_name: Mapped[str] = field(String(200), _l("Applicant"), required=True)
    credit_code: Mapped[str | None] = field(String(18), _l("Unified social credit code"), export="text")
    id_number: Mapped[str | None] = field(String(18), _l("ID number"), export="text", pii=True)
    quantity: Mapped[int] = field(
        Integer,
        _l("Persons or months"),
        required=True,
        default=1,
        export="number",
        description=_l("The standard is paid per person or per month"),
    )
    applied_on: Mapped[date] = field(
        Date,
        _l("Applied on"),
        required=True,
        export="date",
        not_future=True,
        description=_l("The standard in force on this day applies"),
    )
    # derived by app/domain/district_subsidy.py (not typed in, not imported): the amount and the parameter rows it used
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    rule_readings: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    __derived__ = ("amount", "rule_readings")
    phone: Mapped[str | None] = field(String(40), _l("Contact phone"), pii=True)
    remarks: Mapped[str | None] = field(Text, _l("Remarks"))

    def ledger_title(self) -> str:
        return self.applicant_name

    def notice_row(self) -> dict[str, Any]:
        """What the 公示 lists of this case (app/services/notices.py masks it)."""
        return {
            "name": self.applicant_name,
            "is_person": self.applicant_kind == PERSON,
            "id_number": self.id_number if self.applicant_kind == PERSON else None,
            "item": dict(DISTRICT_SUBSIDY_TYPES).get(self.subsidy_type, self.subsidy_type),
            "amount": self.amount,
        }

    @classmethod
    def clean(cls, values: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        number = values.get("id_number")
        if number:
            try:
                values["id_number"] = normalize_id_number(number)
            except IdNumberError as exc:
                errors["id_number"] = exc.message
        if values.get("applicant_kind") == PERSON and "id_number" in values and not number:
            errors["id_number"] = _l("A person applying must give the ID number")
        quantity = values.get("quantity")
        if isinstance(quantity, int) and quantity < 1:
            errors["quantity"] = _l("Must be at least 1")
        return errors
