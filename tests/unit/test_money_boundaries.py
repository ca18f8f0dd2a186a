"""Boundary tables of the money rules: the loan ceilings (R-21, B-06) at the ceiling and one yuan either side
(loan amounts are whole yuan), the 协管员 wage limits (R-42) one fen either side, and the half-fen cases of
the insurances (R-44, R-45) rounded half up, with the manual's own rates (区级 L813: 医疗 60 % base, 单位 10 %,
个人 2 % + 3; 失业 40 % base, 单位 1 %, 个人 0.2 %)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.rules.loan_eligibility import Application, check
from app.rules.welfare_pay import money, monthly_pay
from tests.unit.test_loan_eligibility import SMALL, small
from tests.unit.test_welfare_pay import PARAMS, worker


@pytest.mark.parametrize(
    ("amount", "top_tier", "reasons"),
    [
        (499999, True, []),
        (500000, True, []),  # exactly the maximum is allowed
        (500001, True, ["over_maximum"]),
        (99999, False, []),
        (100000, False, []),  # exactly the ordinary ceiling needs no 50万 tier
        (100001, False, ["needs_top_tier"]),
    ],
)
def test_r21_loan_ceilings__exact_ceiling_allowed_one_yuan_over_refused(
    amount: int, top_tier: bool, reasons: list[str]
) -> None:
    """R-21 / B-06: `amount > maximum` and `amount > ordinary_max`, never `>=`."""
    application = small(amount=amount, own_funds=amount, top_tier=top_tier)
    assert [r.code for r in check(application, SMALL).reasons] == reasons


def test_r21_loan_ceiling__the_refusal_names_the_maximum() -> None:
    reasons = check(Application(loan_type="3", amount=500001, investment=500000), SMALL).reasons
    assert [(r.field, r.code, r.figures) for r in reasons] == [
        ("amount", "over_maximum", {"maximum": D(500000)})
    ]


@pytest.mark.parametrize(
    ("base", "floating", "violations"),
    [
        ("1160.00", "0", []),
        ("1159.99", "0", ["below_minimum"]),  # one fen under the minimum wage
        ("1160.01", "0", []),
        ("1160.00", "174.00", []),  # exactly 15 %
        ("1160.00", "174.01", ["floating_over_cap"]),  # one fen over
        ("1160.00", "173.99", []),
    ],
)
def test_r42_wage_limits__one_fen_either_side(base: str, floating: str, violations: list[str]) -> None:
    pay = monthly_pay(worker(base_wage=D(base), floating_wage=D(floating)), date(2026, 5, 1), PARAMS)
    assert pay.violations == violations


@pytest.mark.parametrize(
    ("average", "item", "expected"),
    [
        # 4203.75 × 60 % = 2522.25; × 10 % = 252.225; × 2 % + 3 = 53.445 (half a fen, an even fen below)
        ("4203.75", "medical_unit", "252.23"),
        ("4203.75", "medical_individual", "53.45"),
        # 4206.25 × 40 % = 1682.50; × 1 % = 16.825; × 0.2 % = 3.365
        ("4206.25", "unemployment_unit", "16.83"),
        ("4206.25", "unemployment_individual", "3.37"),
        # the seeded average (4201.00): × 60 % × 0.8 % = 20.1648, no half fen
        ("4201.00", "maternity_unit", "20.16"),
    ],
)
def test_r44_r45_insurances__half_a_fen_rounds_up(average: str, item: str, expected: str) -> None:
    """Money rounds half up to the fen per line item (not half to even, not down)."""
    params = {**PARAMS, "wage.social_average": D(average)}
    assert monthly_pay(worker(), date(2026, 5, 1), params).items[item] == D(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"),
        ("0.015", "0.02"),
        ("0.025", "0.03"),
        ("2.675", "2.68"),
        ("0.0049", "0.00"),
        ("-0.005", "-0.01"),
    ],
)
def test_money__rounds_half_up_to_the_fen(value: str, expected: str) -> None:
    assert money(D(value)) == D(expected)
