"""自谋职业 / 灵活就业 社会保险补贴 on the kernel (SM-03; R-31..R-33, R-39): the checks and derived values of
the one validation path, and the 花名册 the district reports to the city with.

- si_subsidy: a self-employed applicant names the business, a flexibly employed one the form of work; the
  monthly standard of the kind in force on the application date (policy parameter
  `si_subsidy.<kind>.monthly`, 待核定 until the administrator sets it) times the months is the amount,
  computed whenever the kind, months or date change; `rule_readings` keeps the parameter row used.
- si_deduction_check: only for a subsidy being received, from its first month; one check per month; the
  amount due defaults to the subsidy's monthly deduction; `matches` says whether the passbook shows it.
- `roster_xlsx(rows, unit, on, roster)`: a 花名册, one sheet per kind, unmasked, in one column layout for
  both rosters: CITY_ROSTER, 《申请自谋职业（自主创业）人员花名册》 / 《申请灵活就业人员花名册》 of the cases
  approved in the city system, from the district to 市人力资源和社会保障局 with the 请示 and the 核查记录
  (RP-08, RP-09); TOWN_ROSTER, 《申请自谋、灵活就业社会保险补贴花名册》 of the cases the street/town verified,
  to 区劳动服务管理中心 with the application forms (SM-03 SUBMITTED_TO_DISTRICT, CK-06c, 街镇级 L2095).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import xlsxwriter
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app import codes, ledger
from app.dates import zh_date
from app.io import paper
from app.ledger.display import personal
from app.services import policy
from app.templating import person_name
from models.si_subsidy import FLEXIBLE, SELF_EMPLOYED, SiDeductionCheck, SiSubsidy
from seed.workflows.si_subsidy import SI_SUBSIDY as WORKFLOW

AMOUNT_INPUTS = ("kind", "months", "applied_on")
CENT = Decimal("0.01")


def monthly_key(kind: str) -> str:
    return f"si_subsidy.{kind}.monthly"


def subsidy_amount(kind: str, months: int, on: date) -> tuple[Decimal, Decimal, dict[str, Any]]:
    """(monthly standard, amount for the period, the parameter row used) in force on `on`."""
    key = monthly_key(kind)
    monthly = Decimal(policy.parameter(key, on)).quantize(CENT)
    return monthly, (monthly * months).quantize(CENT), policy.reading(key, on)


def derive_amount(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    current = {name: values.get(name, getattr(existing, name, None)) for name in AMOUNT_INPUTS}
    if policy.inputs_unchanged(existing, current):
        return {}
    if current["kind"] not in (SELF_EMPLOYED, FLEXIBLE) or not isinstance(current["applied_on"], date):
        return {}
    if not isinstance(current["months"], int):
        return {}
    try:
        monthly, amount, used = subsidy_amount(current["kind"], current["months"], current["applied_on"])
    except policy.PolicyError as exc:
        return {"applied_on": exc.errors[""]}
    values.update(monthly_amount=monthly, amount=amount, rule_readings={"monthly": used})
    return {}


def check_kind_details(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """自谋职业 names the business run; 灵活就业 the form of flexible work."""
    kind = values.get("kind", getattr(existing, "kind", None))
    needed = {SELF_EMPLOYED: "business_name", FLEXIBLE: "flexible_form"}.get(kind or "")
    if needed is None or values.get(needed, getattr(existing, needed, None)):
        return {}
    if kind == SELF_EMPLOYED:
        return {needed: _l("A self-employed applicant must give the business name")}
    return {needed: _l("A flexibly employed applicant must give the form of flexible employment")}


def check_report_date(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """The report to the district (a workflow step's date) comes after the application."""
    applied = values.get("applied_on", getattr(existing, "applied_on", None))
    reported = values.get("reported_on", getattr(existing, "reported_on", None))
    if isinstance(applied, date) and isinstance(reported, date) and reported < applied:
        return {"reported_on": _l("The report cannot come before the application")}
    return {}


def subsidy_of(values: dict[str, Any], existing: Any) -> SiSubsidy | None:
    subsidy_id = values.get("subsidy_id", getattr(existing, "subsidy_id", None))
    return ledger.session().get(SiSubsidy, subsidy_id) if isinstance(subsidy_id, int) else None


def check_deduction(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """A month of a subsidy being received, checked once."""
    subsidy = subsidy_of(values, existing)
    month = values.get("month", getattr(existing, "month", None))
    if subsidy is None or not isinstance(month, date):
        return {}
    if subsidy.started_on is None:
        return {"subsidy_id": _l("Deductions are checked once the person receives the subsidy")}
    if month < subsidy.started_on.replace(day=1):
        return {"month": _l("The subsidy starts in %(month)s", month=subsidy.started_on.strftime("%Y-%m"))}
    query = select(func.count()).where(
        SiDeductionCheck.subsidy_id == subsidy.id,
        SiDeductionCheck.month == month,
        SiDeductionCheck.voided_at.is_(None),
    )
    if existing is not None:
        query = query.where(SiDeductionCheck.id != existing.id)
    if ledger.session().execute(query).scalar_one():
        return {"month": _l("This month has already been checked for this person")}
    return {}


def derive_match(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """`matches`: whether the passbook shows the amount due (R-39)."""
    expected = values.get("expected_amount", getattr(existing, "expected_amount", None))
    deducted = values.get("deducted_amount", getattr(existing, "deducted_amount", None))
    if isinstance(expected, Decimal) and isinstance(deducted, Decimal):
        values["matches"] = expected == deducted
    return {}


# ---- 花名册 ----------------------------------------------------------------------------------------

MONTHLY_HEADER = "月补贴标准（元）"  # a rate: no 合计 under it
ROSTER_HEADERS = {
    SELF_EMPLOYED: (
        "序号",
        "姓名",
        "性别",
        "公民身份号码",
        "街（镇）",
        "社区（村）",
        "经营项目名称",
        "营业执照号码",
        "经营地址",
        "申请日期",
        "补贴期限（月）",
        "月补贴标准（元）",
        "补贴金额（元）",
        "区县核查结果",
        "联系电话",
    ),
    FLEXIBLE: (
        "序号",
        "姓名",
        "性别",
        "公民身份号码",
        "街（镇）",
        "社区（村）",
        "灵活就业形式",
        "工作地点",
        "申请日期",
        "补贴期限（月）",
        "月补贴标准（元）",
        "补贴金额（元）",
        "区县核实结果",
        "联系电话",
    ),
}


@dataclass(frozen=True)
class Roster:
    """Who sends a 花名册 to whom, of which cases: its sheet titles per kind, addressee and workflow states."""

    titles: dict[str, str]
    addressee: str
    states: tuple[str, ...]


CITY_ROSTER = Roster(
    {SELF_EMPLOYED: "申请自谋职业（自主创业）人员花名册", FLEXIBLE: "申请灵活就业人员花名册"},
    "市人力资源和社会保障局",
    ("system_approved", "reported_to_city"),
)
TOWN_ROSTER = Roster(
    {
        SELF_EMPLOYED: "申请自谋、灵活就业社会保险补贴花名册（自谋职业）",
        FLEXIBLE: "申请自谋、灵活就业社会保险补贴花名册（灵活就业）",
    },
    "区劳动服务管理中心",
    ("town_verified", "reported"),  # verified on site, and reported (the roster goes with the report)
)


def roster_cases(items: list[SiSubsidy], roster: Roster) -> list[SiSubsidy]:
    """The ticked cases that go on the roster: live ones at the roster's states, in record order (a whole
    page may be ticked; the others are left off)."""
    return sorted((c for c in items if c.voided_at is None and c.state in roster.states), key=lambda c: c.id)


def roster_row(n: int, case: SiSubsidy) -> list[Any]:
    person = case.person
    org = case.org
    town = org.parent.name if org.parent is not None and org.level == "community" else org.name
    community = org.name if org.level == "community" else ""
    details = (
        [case.business_name or "", case.licence_number or "", case.business_address or ""]
        if case.kind == SELF_EMPLOYED
        else [case.flexible_form or "", case.business_address or ""]
    )
    return [
        n,
        person.name,
        codes.label("gender", person.gender) if person.gender else "",
        personal(person, "id_number"),
        town,
        community,
        *details,
        case.applied_on,
        case.months,
        case.monthly_amount,
        case.amount,
        codes.label("si_check_result", case.check_result) if case.check_result else "",
        personal(case, "phone") or personal(person, "phone"),
    ]


def roster_xlsx(
    cases: list[SiSubsidy], unit: str, on: date, roster: Roster = CITY_ROSTER, user: Any = None
) -> bytes:
    """One sheet per kind: title, reporting unit, addressee, date and the person who made it, the headers,
    one row per case, 合计 (persons, months, amounts) and the signature lines; printed as every table."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    fmt = paper.formats(book)
    cell = book.add_format({"border": 1})
    money = book.add_format({"border": 1, "num_format": "#,##0.00"})
    day = book.add_format({"border": 1, "num_format": "yyyy-mm-dd"})
    text = book.add_format({"border": 1, "num_format": "@"})
    for kind in (SELF_EMPLOYED, FLEXIBLE):
        rows = [case for case in cases if case.kind == kind]
        if not rows:
            continue
        headers = ROSTER_HEADERS[kind]
        sheet = book.add_worksheet(roster.titles[kind][:31])
        line = (
            f"报送单位：{unit}　　报送至：{roster.addressee}　　报送日期：{zh_date(on)}　　"
            f"人数：{len(rows)}　　制表人：{person_name(user)}"
        )
        head = paper.title_block(sheet, fmt, roster.titles[kind], len(headers), [line])
        for col, header_text in enumerate(headers):
            sheet.write(head, col, header_text, fmt["header"])
        sums: dict[int, tuple[Decimal, bool]] = {}  # column → (total, is money); months and amounts
        for r, case in enumerate(rows, head + 1):
            for col, value in enumerate(roster_row(r - head, case)):
                if isinstance(value, date):
                    sheet.write_datetime(r, col, value, day)
                elif isinstance(value, Decimal | int):
                    is_money = isinstance(value, Decimal)
                    sheet.write_number(r, col, float(value), money if is_money else cell)
                    if col > 0 and headers[col] != MONTHLY_HEADER:  # not the line number, not a rate
                        sums[col] = (sums.get(col, (Decimal(0), is_money))[0] + value, is_money)
                else:
                    sheet.write_string(r, col, str(value), text if col == 3 else cell)
        end = head + len(rows) + 1
        totals = [(col, float(total), is_money) for col, (total, is_money) in sorted(sums.items())]
        paper.totals_row(sheet, fmt, end, head + 1, len(rows), totals, len(headers))
        paper.signature_lines(sheet, fmt, end, len(headers))
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, len(headers) - 1, 13)
        sheet.set_column(3, 3, 20)  # the ID number, on one line
        paper.print_setup(sheet, len(headers), head)
    book.close()
    return buffer.getvalue()


SI_SUBSIDY = ledger.register(
    ledger.Ledger(
        SiSubsidy,
        chapter="funds",
        policy_basis=("self_employment_si", "flexible_si"),
        workflow=WORKFLOW,
        checks=(check_kind_details, check_report_date),
        derive=(derive_amount,),
        checklist="CK-06c",
    )
)
SI_DEDUCTION_CHECK = ledger.register(
    ledger.Ledger(
        SiDeductionCheck,
        chapter="funds",
        policy_basis=("self_employment_si", "flexible_si"),
        checks=(check_deduction,),
        derive=(derive_match,),
    )
)
