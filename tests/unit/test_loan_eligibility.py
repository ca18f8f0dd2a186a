"""小额担保贷款 eligibility, table-driven (R-16..R-21, B-05, B-06): figures are passed in, so every case
states the policy it was decided under."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rules.loan_eligibility import (
    INDIVIDUAL,
    LABOUR_INTENSIVE,
    SMALL_ENTERPRISE,
    Application,
    Figures,
    check,
)

SMALL = Figures(
    excluded=frozenset({"01", "02", "03", "04", "05", "06", "07"}),
    maximum=Decimal(500000),
    ordinary_max=Decimal(100000),
)
LABOUR = Figures(excluded=frozenset({"03", "04", "05", "06", "07"}), headcount_reading="both")
PERSONAL = Figures(investment_share=Decimal("0.30"))


def small(**changes: object) -> Application:
    return Application(**{"loan_type": SMALL_ENTERPRISE, "amount": 100000, "own_funds": 30000, **changes})


def labour(**changes: object) -> Application:
    return Application(
        **{"loan_type": LABOUR_INTENSIVE, "amount": 300000, "staff": 100, "new_hires": 30, **changes}
    )


def personal(**changes: object) -> Application:
    return Application(**{"loan_type": INDIVIDUAL, "amount": 50000, "investment": 15001, **changes})


@pytest.mark.parametrize(
    ("application", "figures", "reasons"),
    [
        # R-19 “不低于” 30 %: exactly 30 % passes, one yuan less fails
        (small(), SMALL, []),
        (small(own_funds=29999), SMALL, ["own_funds"]),
        (small(own_funds=None), SMALL, ["own_funds"]),
        # R-16 excluded categories (房地产 … 氧吧); “00” none of them
        (small(business="01"), SMALL, ["excluded_business"]),
        (small(business="07"), SMALL, ["excluded_business"]),
        (small(business="00"), SMALL, []),
        # R-21 / B-06: above the ordinary ceiling only as the 50万 tier; never above the maximum
        (small(amount=100001, own_funds=40000), SMALL, ["needs_top_tier"]),
        (small(amount=300000, own_funds=90000, top_tier=True), SMALL, []),
        (small(amount=500001, own_funds=200000, top_tier=True), SMALL, ["over_maximum"]),
        # a ceiling of 0 is 待核定 and not applied
        (small(amount=900000, own_funds=300000), Figures(), []),
        (small(amount=0), SMALL, ["amount_positive"]),
        # R-20 “大于” 30 %: exactly 30 % fails (strict), one yuan more passes
        (personal(), PERSONAL, []),
        (personal(investment=15000), PERSONAL, ["investment"]),
        (personal(top_tier=True), PERSONAL, ["top_tier_small_only"]),
        # 广告 excluded for labour-intensive, 房地产 and 娱乐 are not; the two reviewer flags
        (labour(business="03"), LABOUR, ["excluded_business"]),
        (labour(business="01"), LABOUR, []),
        (labour(discouraged=True), LABOUR, ["discouraged"]),
        (labour(capital_intensive=True), LABOUR, ["discouraged"]),
        # R-18 “以上” inclusive: 30 of 100 passes; 29 of 100 fails on both readings
        (labour(staff=100, new_hires=29), Figures(headcount_reading="after"), ["headcount"]),
        (labour(staff=100, new_hires=30), Figures(headcount_reading="after"), []),
        # N > 100 → 15 %: 16 of 101 passes (≥ 15.15), 15 of 101 fails
        (labour(staff=101, new_hires=16), Figures(headcount_reading="after"), []),
        (labour(staff=101, new_hires=15), Figures(headcount_reading="after"), ["headcount"]),
        # B-05 "before": N = staff − new hires (110 − 15 = 95 ≤ 100 → 30 %: 15/95 fails)
        (labour(staff=110, new_hires=15), Figures(headcount_reading="before"), ["headcount"]),
        (labour(staff=110, new_hires=17), Figures(headcount_reading="after"), []),
        (labour(staff=0, new_hires=0), LABOUR, ["headcount"]),
    ],
)
def test_check(application: Application, figures: Figures, reasons: list[str]) -> None:
    assert [reason.code for reason in check(application, figures).reasons] == reasons


def test_both_readings__passes_when_one_does_and_asks_the_reviewer_to_confirm() -> None:
    # 110 staff, 17 new: "after" 17/110 ≥ 15 % passes; "before" 17/93 < 30 % fails
    result = check(labour(staff=110, new_hires=17), LABOUR)
    assert result.eligible and result.reviewer_must_confirm
    assert result.headcount == {"after": True, "before": False}
    agreed = check(labour(staff=100, new_hires=40), LABOUR)
    assert agreed.eligible and not agreed.reviewer_must_confirm


def test_top_tier__asks_for_the_extra_materials() -> None:
    assert check(small(amount=300000, own_funds=90000, top_tier=True), SMALL).needs_top_tier_materials
    assert not check(small(), SMALL).needs_top_tier_materials


def test_reasons__carry_the_figures_for_the_message() -> None:
    (reason,) = check(small(own_funds=1), SMALL).reasons
    assert (reason.field, reason.figures["need"]) == ("own_funds", Decimal("30000.00"))
