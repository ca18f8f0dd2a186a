"""R-42..R-51: the 协管员 monthly pay, table-driven against hand-computed cases (plain values).

Parameters (PARAMS): social average 4000 → pension base 1600 (unit 320.00, own 128.00), medical base 2400
(unit 240.00, own 48 + 3 = 51.00), unemployment base 1600 (unit 16.00, own 3.20), maternity base 2400 (unit
19.20, own 0); housing fund fixed 155 + 155; heating 100/month, cooling 50/month, one-child 10/month.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from app.rules.welfare_pay import PARAMETER_KEYS, Worker, monthly_pay, whole_months

PARAMS: dict[str, Any] = {
    "wage.minimum": D("1160"),
    "wage.social_average": D("4000"),
    "welfare.floating_max_share": D("0.15"),
    "si.pension.base_share": D("0.40"),
    "si.pension.unit_rate": D("0.20"),
    "si.pension.individual_rate": D("0.08"),
    "si.medical.base_share": D("0.60"),
    "si.medical.unit_rate": D("0.10"),
    "si.medical.individual_rate": D("0.02"),
    "si.medical.individual_fixed": D("3"),
    "si.medical.individual_fixed_reading": "yuan_per_month",
    "si.unemployment.base_share": D("0.40"),
    "si.unemployment.unit_rate": D("0.01"),
    "si.unemployment.individual_rate": D("0.002"),
    "si.maternity.base_share": D("0.60"),
    "si.maternity.unit_rate": D("0.008"),
    "si.maternity.individual_rate": D("0"),
    "housing_fund.mode": "fixed",
    "housing_fund.unit_fixed": D("155"),
    "housing_fund.individual_fixed": D("155"),
    "housing_fund.rate_each": D("0.12"),
    "welfare.cutoff_reading": "inclusive",
    "welfare.heating.monthly": D("100"),
    "welfare.cooling.monthly": D("50"),
    "welfare.one_child.monthly": D("10"),
}
UNIT = D("320.00") + D("240.00") + D("16.00") + D("19.20") + D("155")  # 750.20
OWN = D("128.00") + D("51.00") + D("3.20") + D("0") + D("155")  # 337.20


def worker(**changes: Any) -> Worker:
    values: dict[str, Any] = {
        "base_wage": D("1200"),
        "floating_wage": D("180"),
        "start_date": date(2025, 3, 1),
        "probation_end": date(2025, 3, 31),
    }
    return Worker(**{**values, **changes})


def test_parameter_keys__the_table_gives_every_key_the_calculator_may_read() -> None:
    assert set(PARAMETER_KEYS) == set(PARAMS)


def test_ordinary_month__wage_insurances_housing_fund() -> None:
    pay = monthly_pay(worker(), date(2026, 5, 1), PARAMS)
    assert pay.items["medical_individual"] == D("51.00") and pay.items["maternity_unit"] == D("19.20")
    assert (pay.gross, pay.unit, pay.individual) == (D("1380.00"), UNIT, OWN)
    assert (pay.net, pay.subsidy) == (D("1380.00") - OWN, D("1380.00") + UNIT)
    assert pay.violations == [] and "heating" not in pay.items and "cooling" not in pay.items
    assert "welfare.heating.monthly" not in pay.used and "wage.social_average" in pay.used


@pytest.mark.parametrize(
    ("base", "floating", "violations"),
    [
        ("1160", "174", []),  # exactly the minimum wage and exactly 15%
        ("1159.99", "0", ["below_minimum"]),
        ("1200", "180.01", ["floating_over_cap"]),
        ("1000", "200", ["below_minimum", "floating_over_cap"]),
    ],
)
def test_wage_rules__minimum_wage_and_floating_cap(base: str, floating: str, violations: list[str]) -> None:
    pay = monthly_pay(worker(base_wage=D(base), floating_wage=D(floating)), date(2026, 5, 1), PARAMS)
    assert pay.violations == violations


@pytest.mark.parametrize(
    ("changes", "items"),
    [
        ({"si.medical.individual_fixed_reading": "percent"}, {"medical_individual": D("120.00")}),  # 2400×5%
        ({"housing_fund.mode": "percent"}, {"housing_unit": D("144.00"), "housing_individual": D("144.00")}),
        (
            {"wage.social_average": D("4201")},
            {"pension_unit": D("336.08"), "unemployment_individual": D("3.36")},
        ),
    ],
)
def test_readings__b03_b04_and_rounding(changes: dict[str, Any], items: dict[str, D]) -> None:
    pay = monthly_pay(worker(), date(2026, 5, 1), {**PARAMS, **changes})
    assert {k: pay.items[k] for k in items} == items


@pytest.mark.parametrize(
    ("changes", "month", "heating", "cooling"),
    [
        ({}, date(2026, 3, 1), D("400.00"), None),  # all winter on post: 4 months, paid in March
        ({"start_date": date(2025, 12, 1)}, date(2026, 3, 1), D("300.00"), None),  # Dec 1 → Mar 1: 3 months
        ({"start_date": date(2026, 1, 1)}, date(2026, 3, 1), None, None),  # from 1 January: none
        ({"start_date": date(2026, 1, 5)}, date(2026, 3, 1), None, None),
        ({}, date(2026, 8, 1), None, D("150.00")),  # June–August: 3 months, paid in August
        ({"start_date": date(2026, 7, 1)}, date(2026, 8, 1), None, D("100.00")),
        ({"leave_date": date(2026, 7, 31)}, date(2026, 8, 1), None, D("100.00")),  # left at the end of July
        ({"start_date": date(2026, 9, 1)}, date(2026, 8, 1), None, None),  # hired from 1 September
        ({"leave_date": date(2025, 3, 20)}, date(2026, 3, 1), None, None),  # left in probation: no welfare
        ({"left_in_probation": True}, date(2026, 8, 1), None, None),
    ],
)
def test_seasonal_welfare__windows_cutoffs_probation(
    changes: dict[str, Any], month: date, heating: D | None, cooling: D | None
) -> None:
    pay = monthly_pay(worker(**changes), month, PARAMS)
    assert (pay.items.get("heating"), pay.items.get("cooling")) == (heating, cooling)


def test_cutoff_reading__exclusive_keeps_a_hire_on_1_january() -> None:
    params = {**PARAMS, "welfare.cutoff_reading": "exclusive"}
    pay = monthly_pay(worker(start_date=date(2026, 1, 1)), date(2026, 3, 1), params)
    assert pay.items["heating"] == D("200.00")  # Jan 1 → Mar 1: 2 whole months


@pytest.mark.parametrize(
    ("month", "fee"),
    [
        (date(2026, 4, 1), D("10.00")),
        (date(2026, 5, 1), D("10.00")),  # the month of the 18th birthday
        (date(2026, 6, 1), None),  # from the month after: stopped
    ],
)
def test_one_child_fee__until_the_month_the_child_turns_18(month: date, fee: D | None) -> None:
    pay = monthly_pay(worker(child_birth_date=date(2008, 5, 20)), month, PARAMS)
    assert pay.items.get("one_child") == fee


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2025, 11, 15), date(2026, 3, 15), 4),
        (date(2026, 1, 31), date(2026, 3, 1), 1),
        (date(2026, 6, 1), date(2026, 8, 31), 2),
    ],
)
def test_whole_months(start: date, end: date, months: int) -> None:
    assert whole_months(start, end) == months
