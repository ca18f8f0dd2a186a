"""小额担保贷款 eligibility (CATALOG R-16..R-21, B-05, B-06): plain Python, every figure passed in.

    check(Application(...), Figures(...)) -> Result(reasons=[Reason("own_funds", "own_funds", {...})], ...)

- R-16 / R-17: the business is not in the excluded categories of its loan type (`Figures.excluded`, the
  loan_business codes of policy parameter `loan.<type>.excluded`); a labour-intensive enterprise must also
  not be one the national industrial policy discourages nor capital-intensive (flags the reviewer sets).
- R-18: labour-intensive: new hires (本市失业人员, contract ≥ 1 year) this year / current staff N reach
  `rate_small` (N ≤ `size_limit`) or `rate_large` (N > `size_limit`), “以上” inclusive. B-05 leaves open
  whether N counts the new hires: reading "after" (N = staff as recorded), "before" (N = staff − new
  hires) or "both" (refused only when both readings fail; the reviewer confirms when they disagree).
- R-19: small enterprise: own funds ≥ `own_funds_share` × amount (“不低于”).
- R-20: individual business: business investment > `investment_share` × amount (“大于”, strict).
- R-21 / B-06: an amount above the ordinary ceiling needs the 最高 50 万元 tier (and its CK-02 materials);
  the tier exists for small enterprises only. A ceiling of 0 is a parameter still 待核定 and not applied.
A refusal is a list of Reasons (field, code, figures); app/domain/loan.py turns them into Chinese messages.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SMALL_ENTERPRISE, LABOUR_INTENSIVE, INDIVIDUAL = "1", "2", "3"
READINGS = ("before", "after", "both")


@dataclass(frozen=True)
class Application:
    loan_type: str
    amount: int
    business: str | None = None  # loan_business code ("00": none of the named categories)
    own_funds: int | None = None  # R-19, small enterprise
    investment: int | None = None  # R-20, individual business
    top_tier: bool = False  # R-21, 申请最高 50 万元
    staff: int | None = None  # R-18 现有在职职工人数
    new_hires: int | None = None  # R-18 当年新招用本市失业人员（1 年以上合同）
    discouraged: bool = False  # R-17 国家产业政策不予鼓励
    capital_intensive: bool = False  # R-17 资本密集型


@dataclass(frozen=True)
class Figures:
    excluded: frozenset[str] = frozenset()
    maximum: Decimal = Decimal(0)  # 0: 待核定, not applied
    ordinary_max: Decimal = Decimal(0)  # small enterprise only; 0: 待核定, not applied
    own_funds_share: Decimal = Decimal("0.30")
    investment_share: Decimal = Decimal("0.30")
    rate_small: Decimal = Decimal("0.30")
    rate_large: Decimal = Decimal("0.15")
    size_limit: int = 100
    headcount_reading: str = "both"


@dataclass(frozen=True)
class Reason:
    field: str
    code: str
    figures: dict[str, Any] = dataclasses.field(default_factory=dict)  # `field` is the attribute above


@dataclass
class Result:
    reasons: list[Reason]
    needs_top_tier_materials: bool = False
    reviewer_must_confirm: bool = False  # B-05: the two headcount readings disagree
    headcount: dict[str, bool] = field(default_factory=dict)  # reading -> qualifies

    @property
    def eligible(self) -> bool:
        return not self.reasons


def qualifies(staff: int, new_hires: int, figures: Figures) -> bool:
    """R-18 on one reading of N: rate ≥ 30 % (N ≤ 100) or ≥ 15 % (N > 100)."""
    if staff <= 0:
        return False
    rate = figures.rate_small if staff <= figures.size_limit else figures.rate_large
    return Decimal(new_hires) >= rate * staff


def headcount(app: Application, figures: Figures) -> tuple[list[Reason], dict[str, bool], bool]:
    staff, hires = app.staff or 0, app.new_hires or 0
    results = {"after": qualifies(staff, hires, figures), "before": qualifies(staff - hires, hires, figures)}
    reading = figures.headcount_reading if figures.headcount_reading in READINGS else "both"
    used = results if reading == "both" else {reading: results[reading]}
    confirm = reading == "both" and len(set(results.values())) > 1
    if any(used.values()):
        return [], used, confirm
    return [Reason("new_hires", "headcount", {"staff": staff, "new_hires": hires})], used, False


def check(app: Application, figures: Figures) -> Result:
    reasons: list[Reason] = []
    result = Result(reasons)
    if app.business and app.business in figures.excluded:
        reasons.append(Reason("business", "excluded_business", {"business": app.business}))
    if app.amount <= 0:
        reasons.append(Reason("amount", "amount_positive"))
        return result
    if figures.maximum > 0 and app.amount > figures.maximum:
        reasons.append(Reason("amount", "over_maximum", {"maximum": figures.maximum}))
    if app.loan_type == SMALL_ENTERPRISE:
        need = figures.own_funds_share * app.amount
        if app.own_funds is None or Decimal(app.own_funds) < need:
            reasons.append(Reason("own_funds", "own_funds", {"share": figures.own_funds_share, "need": need}))
        over_ordinary = figures.ordinary_max > 0 and app.amount > figures.ordinary_max
        if over_ordinary and not app.top_tier:
            reasons.append(Reason("top_tier", "needs_top_tier", {"ordinary_max": figures.ordinary_max}))
        result.needs_top_tier_materials = app.top_tier
    elif app.top_tier:
        reasons.append(Reason("top_tier", "top_tier_small_only"))
    if app.loan_type == INDIVIDUAL:
        need = figures.investment_share * app.amount
        if app.investment is None or Decimal(app.investment) <= need:
            reasons.append(
                Reason("investment", "investment", {"share": figures.investment_share, "need": need})
            )
    if app.loan_type == LABOUR_INTENSIVE:
        if app.discouraged or app.capital_intensive:
            reasons.append(Reason("business", "discouraged"))
        found, result.headcount, result.reviewer_must_confirm = headcount(app, figures)
        reasons.extend(found)
    return result
