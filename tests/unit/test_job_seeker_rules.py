"""R-13 (16 on the registration date), the default validity period and overlapping periods, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from app.rules.job_seeker import add_months, default_valid_until, old_enough, overlaps


@pytest.mark.parametrize(
    ("birth", "registered_on", "allowed"),
    [
        (date(2010, 11, 27), date(2026, 11, 26), False),  # the day before the 16th birthday
        (date(2010, 11, 27), date(2026, 11, 27), True),  # on the 16th birthday
        (date(2010, 11, 27), date(2026, 11, 28), True),
        (date(2010, 12, 31), date(2026, 12, 30), False),
        (date(2011, 1, 1), date(2027, 1, 1), True),
        (date(2008, 2, 29), date(2024, 2, 28), False),  # leap-day birth: 16 on 29 February of a leap year
        (date(2008, 2, 29), date(2024, 2, 29), True),
        (date(2009, 2, 28), date(2025, 2, 28), True),
        (date(1966, 5, 1), date(2026, 11, 2), True),
    ],
)
def test_old_enough(birth: date, registered_on: date, allowed: bool) -> None:
    assert old_enough(birth, registered_on) is allowed


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 1), -12 * 16, date(2010, 12, 1)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("registered_on", "months", "valid_until"),
    [
        (date(2026, 3, 1), 3, date(2026, 6, 1)),
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 3, 1), 6, date(2026, 9, 1)),
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
    ],
)
def test_default_valid_until(registered_on: date, months: int, valid_until: date) -> None:
    assert default_valid_until(registered_on, months) == valid_until


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        ((date(2026, 1, 1), date(2026, 3, 31)), (date(2026, 3, 31), date(2026, 6, 30)), True),  # one day
        ((date(2026, 1, 1), date(2026, 3, 30)), (date(2026, 3, 31), date(2026, 6, 30)), False),
        ((date(2026, 4, 1), date(2026, 4, 2)), (date(2026, 1, 1), date(2026, 12, 31)), True),
        ((date(2027, 1, 1), date(2027, 2, 1)), (date(2026, 1, 1), date(2026, 12, 31)), False),
    ],
)
def test_overlaps(a: tuple[date, date], b: tuple[date, date], shared: bool) -> None:
    assert overlaps(*a, *b) is shared
