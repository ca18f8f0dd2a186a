"""协管员 monthly pay 公益性岗位专项补贴 (CATALOG E19, R-42..R-51; 区级 第一章 第三节（五）4 L811–817).

Plain Python: every figure comes from `params`, a mapping of policy-parameter key → value in force for the
month (app/services/policy.py; keys in seed/policy_parameters.py). `monthly_pay(worker, month, params)` returns the
line items, the totals, the rule violations (R-42) and the parameter keys it read (for `rule_readings`).

- wage (R-42): base wage ≥ `wage.minimum`; floating wage ≤ `welfare.floating_max_share` × base.
- insurances (R-43..R-46): base = `si.<x>.base_share` × `wage.social_average`; unit and individual shares by
  `si.<x>.unit_rate` / `si.<x>.individual_rate`; medical individual "2%+3" read by
  `si.medical.individual_fixed_reading` (B-03: + 3 元/月, or + 3 %).
- housing fund (R-47, B-04): `housing_fund.mode` fixed (`housing_fund.unit_fixed` / `individual_fixed`) or
  percent (`housing_fund.rate_each` × base wage, each side).
- welfare (R-48..R-51), none when the contract ended in probation: heating (`welfare.heating.monthly` × whole
  months on post within 11/15–3/15, paid in March's pay, none for hires from 1 January of that winter);
  cooling (`welfare.cooling.monthly` × whole months on post within 6/1–8/31, paid in August's pay, none for
  hires from 1 September); one-child fee (`welfare.one_child.monthly`) up to the month the child turns 18.
  `welfare.cutoff_reading` (B-11) says whether a hire ON 1 January / 1 September is excluded (inclusive).
Money is rounded to the fen (ROUND_HALF_UP) per line item. Partial months are not pro-rated (the manual
gives no rule): a month on post is paid whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

FEN = Decimal("0.01")
INSURANCES = ("pension", "medical", "unemployment", "maternity")
HEATING_PAY_MONTH, COOLING_PAY_MONTH = 3, 8
PARAMETER_KEYS = (  # every parameter the calculator may read (the caller passes those in force)
    "wage.minimum",
    "wage.social_average",
    "welfare.floating_max_share",
    *(f"si.{x}.{part}" for x in INSURANCES for part in ("base_share", "unit_rate", "individual_rate")),
    "si.medical.individual_fixed",
    "si.medical.individual_fixed_reading",
    "housing_fund.mode",
    "housing_fund.unit_fixed",
    "housing_fund.individual_fixed",
    "housing_fund.rate_each",
    "welfare.cutoff_reading",
    "welfare.heating.monthly",
    "welfare.cooling.monthly",
    "welfare.one_child.monthly",
)
WELFARE_ITEMS = ("heating", "cooling", "one_child")


@dataclass(frozen=True)
class Worker:
    base_wage: Decimal
    floating_wage: Decimal
    start_date: date
    probation_end: date | None = None
    leave_date: date | None = None
    left_in_probation: bool = False
    child_birth_date: date | None = None


@dataclass
class Pay:
    items: dict[str, Decimal] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)  # "below_minimum", "floating_over_cap"
    used: list[str] = field(default_factory=list)  # parameter keys read

    def total(self, *names: str) -> Decimal:
        return sum((self.items.get(n, Decimal(0)) for n in names), Decimal(0))

    @property
    def gross(self) -> Decimal:
        return self.total("base_wage", "floating_wage", "heating", "cooling", "one_child")

    @property
    def individual(self) -> Decimal:
        return self.total(*(f"{x}_individual" for x in INSURANCES), "housing_individual")

    @property
    def unit(self) -> Decimal:
        return self.total(*(f"{x}_unit" for x in INSURANCES), "housing_unit")

    @property
    def net(self) -> Decimal:
        return self.gross - self.individual

    @property
    def subsidy(self) -> Decimal:
        """What the special subsidy pays for the month: gross pay plus the unit's contributions."""
        return self.gross + self.unit


def money(value: Any) -> Decimal:
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


class Reader:
    """The parameters, remembering which keys were read."""

    def __init__(self, params: Mapping[str, Any], used: list[str]) -> None:
        self.params, self.used = params, used

    def __call__(self, key: str) -> Any:
        if key not in self.used:
            self.used.append(key)
        return self.params[key]


def add_months(d: date, n: int) -> date:
    month = d.month - 1 + n
    year, month = d.year + month // 12, month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30,
            31, 30, 31][month - 1]  # fmt: skip
    return date(year, month, min(d.day, last))


def whole_months(start: date, end: date) -> int:
    """Whole months from start to end (start + n months ≤ end)."""
    n = 0
    while add_months(start, n + 1) <= end:
        n += 1
    return n


def months_on_post(worker: Worker, window_start: date, window_end: date) -> int:
    """Whole months on post in [window_start, window_end); the leave date is the last day on post."""
    begin = max(worker.start_date, window_start)
    left = worker.leave_date + timedelta(days=1) if worker.leave_date else window_end
    end = min(left, window_end)
    return whole_months(begin, end) if begin < end else 0


def hired_too_late(worker: Worker, cutoff: date, read: Reader) -> bool:
    inclusive = read("welfare.cutoff_reading") != "exclusive"
    return worker.start_date >= cutoff if inclusive else worker.start_date > cutoff


def seasonal(worker: Worker, month: date, read: Reader, pay: Pay) -> None:
    if month.month == HEATING_PAY_MONTH:
        cutoff = date(month.year, 1, 1)
        window = (date(month.year - 1, 11, 15), date(month.year, 3, 15))  # 4 months
        if not hired_too_late(worker, cutoff, read):
            months = months_on_post(worker, *window)
            pay.items["heating"] = money(read("welfare.heating.monthly") * months)
    if month.month == COOLING_PAY_MONTH:
        cutoff = date(month.year, 9, 1)
        window = (date(month.year, 6, 1), date(month.year, 9, 1))  # 6月1日 to 8月底: 3 months
        if not hired_too_late(worker, cutoff, read):
            months = months_on_post(worker, *window)
            pay.items["cooling"] = money(read("welfare.cooling.monthly") * months)


def one_child(worker: Worker, month: date, read: Reader, pay: Pay) -> None:
    child = worker.child_birth_date
    if child is None:
        return
    last_month = (child.year + 18, child.month)  # stopped from the month after the 18th birthday
    if (month.year, month.month) <= last_month and (month.year, month.month) >= (child.year, child.month):
        pay.items["one_child"] = money(read("welfare.one_child.monthly"))


def monthly_pay(worker: Worker, month: date, params: Mapping[str, Any]) -> Pay:
    """The pay of `worker` for the month containing `month`, from the parameters in force for it."""
    month = month.replace(day=1)
    pay = Pay()
    read = Reader(params, pay.used)
    base, floating = money(worker.base_wage), money(worker.floating_wage)
    if base < read("wage.minimum"):
        pay.violations.append("below_minimum")
    if floating > base * read("welfare.floating_max_share"):
        pay.violations.append("floating_over_cap")
    pay.items.update(base_wage=base, floating_wage=floating)

    average = read("wage.social_average")
    for name in INSURANCES:
        insured = average * read(f"si.{name}.base_share")
        pay.items[f"{name}_unit"] = money(insured * read(f"si.{name}.unit_rate"))
        own = insured * read(f"si.{name}.individual_rate")
        if name == "medical":
            fixed = read("si.medical.individual_fixed")
            if read("si.medical.individual_fixed_reading") == "percent":
                own += insured * fixed / 100
            else:
                own += fixed
        pay.items[f"{name}_individual"] = money(own)

    if read("housing_fund.mode") == "percent":
        share = money(base * read("housing_fund.rate_each"))
        pay.items.update(housing_unit=share, housing_individual=share)
    else:
        pay.items.update(
            housing_unit=money(read("housing_fund.unit_fixed")),
            housing_individual=money(read("housing_fund.individual_fixed")),
        )

    ended_in_probation = worker.left_in_probation or (
        worker.leave_date is not None
        and worker.probation_end is not None
        and worker.leave_date <= worker.probation_end
    )
    if not ended_in_probation:
        seasonal(worker, month, read, pay)
        one_child(worker, month, read, pay)
    return pay
