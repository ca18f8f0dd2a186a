"""公益性岗位专项补贴 (SM-09; R-42..R-53): the one validation path of the 协管员 roster and the monthly pay.

- a worker's base wage must reach the minimum wage, and the floating wage stay within its cap, in force on
  the day on post (R-42; policy parameters `wage.minimum`, `welfare.floating_max_share`);
- a pay row (`welfare_payment`) is computed by app/rules/welfare_pay.py from the parameters in force on the
  first day of its month whenever its worker or month changes; it stores the line items, the totals and the
  parameter rows used (`rule_readings`), so a later parameter change leaves it as it was;
- `approval_table(rows, month)` writes the monthly 《顺义区公益性专项补贴审批表》 (R-53) as .xlsx.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import xlsxwriter
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import ledger
from app.io import paper
from app.rules import welfare_pay
from app.services import policy
from models.welfare import WelfarePayment, WelfarePostWorker
from seed.workflows.welfare import WELFARE_PAYMENT

PAY_INPUTS = ("worker_id", "pay_month")
VIOLATIONS = {
    "below_minimum": ("base_wage", _l("The base wage is below the Beijing minimum wage in force")),
    "floating_over_cap": (
        "floating_wage",
        _l("The floating wage exceeds the allowed share (15 percent) of the base wage"),
    ),
}


def worker_of(row: Any) -> welfare_pay.Worker:
    return welfare_pay.Worker(
        base_wage=Decimal(row.base_wage),
        floating_wage=Decimal(row.floating_wage or 0),
        start_date=row.start_date,
        probation_end=row.probation_end,
        leave_date=row.leave_date,
        left_in_probation=bool(row.left_in_probation),
        child_birth_date=row.child_birth_date,
    )


def parameters(on: date) -> dict[str, Any]:
    return {key: policy.parameter(key, on) for key in welfare_pay.PARAMETER_KEYS}


def check_wages(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    names = ("base_wage", "floating_wage", "start_date")
    current: dict[str, Any] = {n: values.get(n, getattr(existing, n, None)) for n in names}
    if any(current[n] in (None, "") for n in names):
        return {}
    try:
        params = parameters(current["start_date"])
    except policy.PolicyError as exc:
        return {"start_date": exc.errors[""]}
    probe = welfare_pay.Worker(current["base_wage"], current["floating_wage"], current["start_date"])
    pay = welfare_pay.monthly_pay(probe, current["start_date"], params)
    return {VIOLATIONS[v][0]: VIOLATIONS[v][1] for v in pay.violations}


def compute_pay(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    current: dict[str, Any] = {n: values.get(n, getattr(existing, n, None)) for n in PAY_INPUTS}
    if policy.inputs_unchanged(existing, current):
        return {}
    if any(current[n] in (None, "") for n in PAY_INPUTS):
        return {}
    row = ledger.session().get(WelfarePostWorker, current["worker_id"])
    if row is None:
        return {}
    month: date = current["pay_month"].replace(day=1)
    if month < row.start_date.replace(day=1) or (row.leave_date and month > row.leave_date):
        return {"pay_month": _l("The worker was not on post in this month")}
    try:
        params = parameters(month)
    except policy.PolicyError as exc:
        return {"pay_month": exc.errors[""]}
    pay = welfare_pay.monthly_pay(worker_of(row), month, params)
    if pay.violations:
        return {"pay_month": VIOLATIONS[pay.violations[0]][1]}
    values.update(
        wage_total=pay.total("base_wage", "floating_wage"),
        welfare_total=pay.total(*welfare_pay.WELFARE_ITEMS),
        unit_contributions=pay.unit,
        individual_contributions=pay.individual,
        net_pay=pay.net,
        subsidy_total=pay.subsidy,
        items={name: str(amount) for name, amount in pay.items.items()},
        rule_readings={key: policy.reading(key, month) for key in pay.used},
    )
    return {}


# ---- 《顺义区公益性专项补贴审批表》 ------------------------------------------------------------------------

COLUMNS = (
    ("org", _l("Public-welfare employer")),
    ("name", _l("Name")),
    ("base_wage", _l("Base wage")),
    ("floating_wage", _l("Floating wage")),
    ("welfare", _l("Welfare benefits")),
    ("unit", _l("Unit contributions (insurance and housing fund)")),
    ("individual", _l("Individual contributions (insurance and housing fund)")),
    ("net", _l("Net pay")),
    ("subsidy", _l("Subsidy")),
)


def table_rows(payments: list[WelfarePayment]) -> list[dict[str, Any]]:
    rows = []
    for p in sorted(payments, key=lambda p: (p.org.name if p.org else "", p.id)):
        items = {k: Decimal(v) for k, v in (p.items or {}).items()}
        rows.append(
            {
                "org": p.org.name if p.org else "",
                "name": p.worker.ledger_title() if p.worker else "",
                "base_wage": items.get("base_wage", Decimal(0)),
                "floating_wage": items.get("floating_wage", Decimal(0)),
                "welfare": p.welfare_total or Decimal(0),
                "unit": p.unit_contributions or Decimal(0),
                "individual": p.individual_contributions or Decimal(0),
                "net": p.net_pay or Decimal(0),
                "subsidy": p.subsidy_total or Decimal(0),
            }
        )
    return rows


def approval_table(payments: list[WelfarePayment], month: date, unit_name: str) -> bytes:
    """The monthly approval table: one line per worker, totals, and the 主管领导 signature line."""
    rows = table_rows(payments)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(_("Approval table"))
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    number = book.add_format({"num_format": "#,##0.00"})
    sheet.merge_range(
        0, 0, 0, len(COLUMNS), _("Shunyi District public-welfare special subsidy approval table"), title
    )
    sheet.write(1, 0, _("Month") + f"：{month:%Y-%m}")
    sheet.write(1, 3, _("Unit") + f"：{unit_name}")
    header = 3
    sheet.write(header, 0, _("No."), bold)
    for col, (_key, label) in enumerate(COLUMNS, 1):
        sheet.write(header, col, str(label), bold)
        sheet.set_column(col, col, 16)
    for n, row in enumerate(rows, 1):
        sheet.write_number(header + n, 0, n)
        for col, (key, _label) in enumerate(COLUMNS, 1):
            value = row[key]
            if isinstance(value, Decimal):
                sheet.write_number(header + n, col, float(value), number)
            else:
                sheet.write_string(header + n, col, value)
    total_row = header + len(rows) + 1
    sheet.write(total_row, 1, _("Total"), bold)
    for col, (key, _label) in enumerate(COLUMNS, 1):
        if col > 2:
            total = sum((row[key] for row in rows), Decimal(0))
            sheet.write_number(total_row, col, float(total), number)
    sheet.write(total_row + 2, 1, _("Approved by the leader in charge (signature)") + "：")
    sheet.write(total_row + 2, 5, _("Date") + "：")
    sheet.set_column(0, 0, 6)
    paper.print_setup(sheet, len(COLUMNS) + 1, header)
    book.close()
    return buffer.getvalue()


WELFARE_POST_WORKER = ledger.register(
    ledger.Ledger(
        WelfarePostWorker, chapter="funds", policy_basis=("public_welfare_post",), derive=(check_wages,)
    )
)
WELFARE = ledger.register(
    ledger.Ledger(
        WelfarePayment,
        chapter="funds",
        policy_basis=("public_welfare_post",),
        workflow=WELFARE_PAYMENT,
        derive=(compute_pay,),
        locked=("signed",),  # the signed 审批表 is what is paid
    )
)
