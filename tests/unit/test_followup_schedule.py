"""Follow-up due dates: calendar months clamped to the month's end, R-67 by stability, R-68 at most six."""

from datetime import date

import pytest

from app.services.followup_schedule import RULES, add_months, due_after, next_due, rules_triggered_by


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months__clamped_to_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_due_after__days_months_and_working_days() -> None:
    assert due_after("7日", date(2026, 11, 27)) == date(2026, 12, 4)
    assert due_after("1个月", date(2026, 1, 31)) == date(2026, 2, 28)
    assert due_after("5个工作日", date(2026, 9, 30)) == date(2026, 10, 13)  # National Day week


@pytest.mark.parametrize(
    ("stability", "expected"),
    [("1", date(2026, 12, 27)), ("2", date(2026, 12, 7)), ("3", date(2026, 12, 4)), (None, None)],
)
def test_next_due__fu11_by_stability_class(stability: str | None, expected: date | None) -> None:
    assert next_due(RULES["FU-11"], stability, date(2026, 11, 27), 1) == expected


def test_next_due__fu12_stops_after_six() -> None:
    rule = RULES["FU-12"]
    assert next_due(rule, None, date(2026, 1, 31), 5) == date(2026, 2, 28)
    assert next_due(rule, None, date(2026, 2, 28), 6) is None


def test_next_due__fu15_monthly_without_end() -> None:
    """定期 (享受社保补贴人员后期跟踪) read as monthly, for as long as the subsidy runs."""
    rule = RULES["FU-15"]
    assert (rule.first, rule.tier) == ("1个月", "town")
    assert next_due(rule, None, date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert next_due(rule, None, date(2026, 12, 9), 36) == date(2027, 1, 9)


def test_next_due__rule_without_cadence_sets_none() -> None:
    assert next_due(RULES["FU-08"], "1", date(2026, 11, 27), 1) is None
    assert next_due(None, "1", date(2026, 11, 27), 1) is None


def test_rules__assistance_triggers_and_every_code_listed() -> None:
    assert [r.code for r in rules_triggered_by("hard_to_employ", "offer_jobs")] == ["FU-10"]
    assert [r.code for r in rules_triggered_by("hard_to_employ", "register_employment")] == ["FU-11"]
    assert [r.code for r in rules_triggered_by("si_subsidy", "begin")] == ["FU-15"]
    assert sorted(RULES) == [f"FU-{n:02d}" for n in range(1, 25)]
