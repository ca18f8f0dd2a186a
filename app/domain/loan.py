"""小额担保贷款 on the kernel (SM-04/05/06; R-16..R-28): the specs of the three loan ledgers: the derived
checks of the one validation path (`derive`), the named preconditions of the loan workflows
(`preconditions`) and the repayment status the workflow steps set (`after_fire`).

- loan: eligibility by app/rules/loan_eligibility.py with the policy parameters in force on the
  application day; refused with the Chinese reason on the field concerned; `rule_readings` keeps the
  parameter rows used and the result (B-05: both headcount readings and whether they disagree).
- post_loan_check: only on a loan whose funds have arrived, not before that day; a major change gets its
  written-report due date, the day found + 3 working days (R-26).
- interest_subsidy: only for a loan repaid on time or early with no bad record (R-28); the quarterly
  interest lines add up to `total_interest`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from flask_babel import lazy_gettext as _l

from app import calendar, ledger
from app.rules import loan_eligibility as rules
from app.security.scope import current_actor
from app.services import policy
from models.loan import (
    COMPENSATED,
    EARLY,
    INDIVIDUAL,
    LABOUR_INTENSIVE,
    ON_TIME,
    RECOURSE,
    SMALL_ENTERPRISE,
    InterestSubsidy,
    Loan,
    PostLoanCheck,
)
from seed.workflows import loan as workflows

INPUTS = (
    "loan_type",
    "amount",
    "business",
    "own_funds",
    "investment",
    "top_tier",
    "staff_count",
    "new_hires",
    "policy_discouraged",
    "capital_intensive",
    "applied_on",
)
PREFIX = {
    SMALL_ENTERPRISE: "small_enterprise",
    LABOUR_INTENSIVE: "labour_intensive",
    INDIVIDUAL: "individual",
}
REPAYMENT_BY_STEP = {
    "repaid_on_time": ON_TIME,
    "repaid_early": EARLY,
    "compensate": COMPENSATED,
    "start_recourse": RECOURSE,
}
QUARTER_LINE = re.compile(r"^\s*(\d{4})\s*[Qq]([1-4])\s*[:：]?\s*([0-9]+(?:\.[0-9]{1,2})?)\s*$")


def parameter_keys(loan_type: str) -> dict[str, str]:
    prefix = PREFIX[loan_type]
    keys = {"excluded": f"loan.{prefix}.excluded", "maximum": f"loan.{prefix}.max"}
    if loan_type == SMALL_ENTERPRISE:
        keys |= {
            "ordinary_max": "loan.small_enterprise.ordinary_max",
            "own_funds_share": "loan.own_funds.min_share",
        }
    if loan_type == INDIVIDUAL:
        keys |= {"investment_share": "loan.investment.min_share"}
    if loan_type == LABOUR_INTENSIVE:
        keys |= {
            "rate_small": "labour_intensive.rate_small",
            "rate_large": "labour_intensive.rate_large",
            "size_limit": "labour_intensive.size_limit",
            "headcount_reading": "labour_intensive.headcount_reading",
        }
    return keys


def figures_on(loan_type: str, on: date) -> tuple[rules.Figures, dict[str, Any]]:
    """The eligibility figures in force on `on` and the readings to store (PolicyError when one is missing)."""
    values: dict[str, Any] = {}
    readings: dict[str, Any] = {}
    for name, key in parameter_keys(loan_type).items():
        values[name] = policy.parameter(key, on)
        readings[name] = policy.reading(key, on)
    excluded = frozenset(code.strip() for code in str(values.pop("excluded")).split(",") if code.strip())
    return rules.Figures(excluded=excluded, **values), readings


def truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "y", "yes", "on")
    return bool(value)


def message(reason: rules.Reason) -> Any:
    figures = reason.figures
    if reason.code == "excluded_business":
        return _l("This business category cannot receive a guaranteed loan of this type (R-16, R-17)")
    if reason.code == "discouraged":
        return _l(
            "An enterprise discouraged by national industrial policy or capital-intensive cannot be "
            "certified as labour-intensive (R-17)"
        )
    if reason.code == "amount_positive":
        return _l("The loan amount must be more than zero")
    if reason.code == "over_maximum":
        return _l("The loan amount exceeds the ceiling of %(maximum)s yuan", maximum=figures["maximum"])
    if reason.code == "own_funds":
        return _l(
            "Own funds must be at least %(share)s of the loan, i.e. %(need)s yuan (R-19)",
            share=f"{figures['share'] * 100:.0f}％",
            need=f"{figures['need']:.2f}",
        )
    if reason.code == "investment":
        return _l(
            "The business investment must be more than %(share)s of the loan, i.e. %(need)s yuan (R-20)",
            share=f"{figures['share'] * 100:.0f}％",
            need=f"{figures['need']:.2f}",
        )
    if reason.code == "needs_top_tier":
        return _l(
            "Above %(ordinary)s yuan only as an application for the 500,000-yuan tier (R-21)",
            ordinary=figures["ordinary_max"],
        )
    if reason.code == "top_tier_small_only":
        return _l("The 500,000-yuan tier is for small enterprises founded by the unemployed only")
    return _l(
        "New hires of %(hires)s for a staff of %(staff)s do not reach the share a labour-intensive "
        "enterprise needs (R-18)",
        hires=figures.get("new_hires"),
        staff=figures.get("staff"),
    )


def derive_loan(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    current = {name: values.get(name, getattr(existing, name, None)) for name in INPUTS}
    if existing is not None and all(current[n] == getattr(existing, n) for n in INPUTS):
        return {}
    if current["loan_type"] not in PREFIX or not isinstance(current["applied_on"], date):
        return {}
    if not isinstance(current["amount"], int):
        return {}
    try:
        figures, readings = figures_on(current["loan_type"], current["applied_on"])
    except policy.PolicyError as exc:
        return {"applied_on": exc.errors[""]}
    application = rules.Application(
        loan_type=current["loan_type"],
        amount=current["amount"],
        business=current["business"],
        own_funds=current["own_funds"],
        investment=current["investment"],
        top_tier=truthy(current["top_tier"]),
        staff=current["staff_count"],
        new_hires=current["new_hires"],
        discouraged=truthy(current["policy_discouraged"]),
        capital_intensive=truthy(current["capital_intensive"]),
    )
    result = rules.check(application, figures)
    errors: dict[str, Any] = {}
    for reason in result.reasons:
        errors.setdefault(reason.field, message(reason))
    if errors:
        return errors
    values["rule_readings"] = {
        "parameters": readings,
        "top_tier_materials": result.needs_top_tier_materials,
        "headcount": result.headcount,
        "reviewer_must_confirm": result.reviewer_must_confirm,
    }
    return {}


def loan_of(values: dict[str, Any], existing: Any) -> Loan | None:
    loan_id = values.get("loan_id", getattr(existing, "loan_id", None))
    return ledger.session().get(Loan, loan_id) if isinstance(loan_id, int) else None


def derive_check(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    loan = loan_of(values, existing)
    checked = values.get("checked_on", getattr(existing, "checked_on", None))
    if loan is not None and loan.disbursed_on is None:
        errors["loan_id"] = _l("Post-loan checks start once the loan funds have arrived")
    elif (
        loan is not None
        and loan.disbursed_on is not None
        and isinstance(checked, date)
        and checked < loan.disbursed_on
    ):
        errors["checked_on"] = _l(
            "The check cannot come before the funds arrived (%(date)s)", date=loan.disbursed_on
        )
    major = truthy(values.get("major_change", getattr(existing, "major_change", False)))
    found = values.get("issue_found_on", getattr(existing, "issue_found_on", None))
    values["report_due_on"] = calendar.current().due("3个工作日", found).date if major and found else None
    return errors


def subsidy_refusal(loan: Loan) -> Any:
    if loan.repayment_status not in (ON_TIME, EARLY) or loan.bad_record:
        return _l(
            "Only a loan repaid on time or early with no bad record can receive the interest subsidy (R-28)"
        )
    return None


def quarterly_total(text: str) -> Decimal | None:
    total = Decimal(0)
    lines = [line for line in (text or "").splitlines() if line.strip()]
    for line in lines:
        match = QUARTER_LINE.match(line)
        if match is None:
            return None
        try:
            total += Decimal(match[3])
        except InvalidOperation:
            return None
    return total if lines else None


def derive_subsidy(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    loan = loan_of(values, existing)
    if loan is not None and (existing is None or "loan_id" in values):
        refusal = subsidy_refusal(loan)
        if refusal is not None:
            errors["loan_id"] = refusal
    if "quarterly_interest" in values and values["quarterly_interest"]:
        total = quarterly_total(values["quarterly_interest"])
        if total is None:
            errors["quarterly_interest"] = _l("One quarter a line, e.g. “2026Q1 1234.56”")
        else:
            values["total_interest"] = total
    return errors


# ---- preconditions of the loan workflows (a list of reasons; empty when met) ---------------------------

TIER_OF = {SMALL_ENTERPRISE: "district", LABOUR_INTENSIVE: "district", INDIVIDUAL: "town"}


def only(types: tuple[str, ...], reason: Any) -> Any:
    return lambda loan: [] if loan.loan_type in types else [reason]


def handled_here(loan: Loan) -> list[Any]:
    """District loans are handled by the district, individual-business loans by the street/town."""
    tier = getattr(getattr(current_actor(), "org", None), "level", None)
    if tier is None or tier == TIER_OF.get(loan.loan_type):
        return []
    if TIER_OF.get(loan.loan_type) == "town":
        return [_l("Loans of individual businesses are handled by the street/town")]
    return [_l("Small-enterprise loans are reviewed by the district")]


def handed_over(loan: Loan) -> list[Any]:
    missing = []
    if loan.reported_to_district_on is None:
        missing.append(_l("Not yet reported to the district labour service centre"))
    if loan.sent_to_guarantor_on is None:
        missing.append(_l("Not yet sent to the guarantor"))
    return missing


READY = {SMALL_ENTERPRISE: "reviewed", LABOUR_INTENSIVE: "re_reviewed"}


def ready_to_disburse(loan: Loan) -> list[Any]:
    if READY.get(loan.loan_type) == loan.state:
        return []
    if loan.loan_type == LABOUR_INTENSIVE:
        return [_l("A labour-intensive enterprise needs the finance bureau's re-review first")]
    return [_l("This loan is not ready for disbursement")]


def first_check_recorded(loan: Loan) -> list[Any]:
    from sqlalchemy import select

    query = select(PostLoanCheck.id).where(
        PostLoanCheck.loan_id == loan.id,
        PostLoanCheck.voided_at.is_(None),
        PostLoanCheck.checked_on >= loan.disbursed_on,
    )
    if ledger.session().execute(query.limit(1)).first() is None:
        return [_l("Record the first post-loan check in the post-loan check ledger first")]
    return []


def subsidy_loan_eligible(subsidy: InterestSubsidy) -> list[Any]:
    refusal = subsidy_refusal(subsidy.loan) if subsidy.loan is not None else None
    return [refusal] if refusal is not None else []


PRECONDITIONS = MappingProxyType(
    {
        "district_loan": only(
            (SMALL_ENTERPRISE, LABOUR_INTENSIVE), _l("Only for loans handled by the district")
        ),
        "individual_loan": only((INDIVIDUAL,), _l("Only for loans of individual businesses")),
        "labour_intensive_loan": only((LABOUR_INTENSIVE,), _l("Only for labour-intensive enterprises")),
        "handled_here": handled_here,
        "handed_over": handed_over,
        "ready_to_disburse": ready_to_disburse,
        "first_check_recorded": first_check_recorded,
        "subsidy_loan_eligible": subsidy_loan_eligible,
    }
)


def set_repayment(obj: Any, transition: str, event: Any) -> None:
    """The repayment steps set the loan's repayment status (its history records the change)."""
    if isinstance(obj, Loan) and transition in REPAYMENT_BY_STEP:
        obj.repayment_status = REPAYMENT_BY_STEP[transition]


def checklist(loan: Loan) -> str:
    """CK-01 (+ CK-02 for the 最高 50 万元 tier, R-21), CK-04 labour-intensive, CK-08 individual business."""
    if loan.loan_type == LABOUR_INTENSIVE:
        return "CK-04"
    if loan.loan_type == INDIVIDUAL:
        return "CK-08"
    return "CK-01+02" if loan.top_tier else "CK-01"


LOAN = ledger.register(
    ledger.Ledger(
        Loan,
        chapter="funds",
        policy_basis=("guaranteed_loan", "labour_intensive_loan"),
        workflow=workflows.LOAN,
        derive=(derive_loan,),
        after_fire=(set_repayment,),
        preconditions=PRECONDITIONS,
        checklist=checklist,
    )
)
POST_LOAN_CHECK = ledger.register(
    ledger.Ledger(
        PostLoanCheck,
        chapter="funds",
        policy_basis=("guaranteed_loan",),
        derive=(derive_check,),
        # 超期督办: the written report of a major change, 3 working days after it was found
        due_dates=(
            ledger.DueDate("report_due_on", "written_report_on", _l("Written report of a major change")),
        ),
    )
)
INTEREST_SUBSIDY = ledger.register(
    ledger.Ledger(
        InterestSubsidy,
        chapter="funds",
        policy_basis=("guaranteed_loan", "labour_intensive_loan"),
        workflow=workflows.INTEREST_SUBSIDY,
        derive=(derive_subsidy,),
        preconditions=PRECONDITIONS,
        checklist="CK-03",
        locked=("sent_to_finance",),  # the total went to the finance bureau
    )
)
