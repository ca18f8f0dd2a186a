"""The working-day calendar (app/calendar.py): tables of Spring Festival and National Day make-up days,
month ends, quarter boundaries, every period anchor and spec form, and an unconfirmed year (2027)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import app.calendar.core as cal
from app.calendar.core import (
    Due,
    WorkingCalendar,
    last_week_wednesday,
    month_day,
    next_quarter_first_month_day,
    quarter_first_month_day,
    quarter_last_month_day,
    quarter_of,
    yearly,
)

D = date
CAL = WorkingCalendar.from_chinese_calendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 14), True),  # Sat, Spring Festival make-up workday
        (D(2026, 2, 28), True),  # Sat, Spring Festival make-up workday
        (D(2026, 2, 16), False),  # Mon, Spring Festival
        (D(2026, 2, 23), False),  # Mon, last day of the Spring Festival break
        (D(2026, 2, 24), True),
        (D(2026, 9, 20), True),  # Sun, National Day make-up workday
        (D(2026, 10, 1), False),
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Sat, National Day make-up workday
        (D(2025, 9, 28), True),  # Sun, make-up workday
        (D(2025, 10, 8), False),  # Wed, National Day + Mid-autumn 2025
        (D(2025, 10, 11), True),  # Sat, make-up workday
        (D(2026, 3, 7), False),  # an ordinary Saturday
        (D(2027, 10, 1), True),  # unconfirmed year: Friday counts as a weekday
        (D(2027, 2, 6), False),  # unconfirmed year: Saturday
    ],
)
def test_is_working_day__holiday_table(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 9, 30), 5, D(2026, 10, 13)),  # National Day 2026, Sat 10-10 works
        (D(2026, 2, 13), 5, D(2026, 2, 27)),  # Spring Festival 2026
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # the make-up Saturday
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # the make-up Sunday
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 9, 30), 3, D(2025, 10, 11)),
        (D(2026, 1, 30), 1, D(2026, 2, 2)),  # month end over a weekend
        (D(2026, 3, 31), 2, D(2026, 4, 2)),  # quarter boundary
        (D(2026, 4, 2), 2, D(2026, 4, 7)),  # Qingming 04-04..06
        (D(2026, 12, 31), 1, D(2027, 1, 1)),  # into unconfirmed 2027: weekdays only
        (D(2027, 9, 30), 5, D(2027, 10, 7)),
        (D(2026, 10, 1), 0, D(2026, 10, 1)),  # zero: start itself, even on a holiday
        (D(2026, 10, 8), -1, D(2026, 9, 30)),
        (D(2026, 2, 24), -1, D(2026, 2, 14)),
        (D(2026, 10, 13), -5, D(2026, 9, 30)),
    ],
)
def test_add_working_days__table(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2026, 9, 30), D(2026, 10, 13), 5),
        (D(2026, 10, 13), D(2026, 9, 30), -5),
        (D(2026, 2, 13), D(2026, 2, 27), 5),
        (D(2026, 10, 1), D(2026, 10, 7), 0),
        (D(2026, 5, 6), D(2026, 5, 6), 0),
        (D(2026, 12, 31), D(2027, 1, 8), 6),
        (D(2027, 1, 8), D(2026, 12, 31), -6),
    ],
)
def test_working_days_between__table(a: date, b: date, expected: int) -> None:
    assert CAL.working_days_between(a, b) == expected


@given(st.dates(D(2024, 1, 1), D(2028, 12, 31)), st.integers(0, 60), st.integers(-60, 60))
def test_working_days_between__inverts_add_working_days(start: date, n: int, offset: int) -> None:
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n
    end = start + timedelta(days=offset)
    low, high = sorted((start, end))
    brute = sum(CAL.is_working_day(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
    assert CAL.working_days_between(start, end) == (brute if offset >= 0 else -brute)


def test_add_days__calendar_days_ignore_holidays() -> None:
    assert CAL.add_days(D(2026, 9, 30), 7) == D(2026, 10, 7)
    assert CAL.add_days(D(2026, 3, 1), -1) == D(2026, 2, 28)


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (month_day(2026, 1, 5), D(2026, 1, 5)),
        (month_day(2026, 2, 31), D(2026, 2, 28)),
        (month_day(2028, 2, 30), D(2028, 2, 29)),
        (month_day(2026, 4, 31), D(2026, 4, 30)),
        (last_week_wednesday(2026, 9), D(2026, 9, 30)),  # month ends on a Wednesday
        (last_week_wednesday(2026, 11), D(2026, 11, 25)),  # ends on a Monday: stays in the month
        (last_week_wednesday(2026, 3), D(2026, 3, 25)),  # ends on a Tuesday
        (last_week_wednesday(2026, 12), D(2026, 12, 30)),
        (quarter_first_month_day(2026, 3, 15), D(2026, 7, 15)),
        (quarter_first_month_day(2026, 1, 31), D(2026, 1, 31)),
        (quarter_last_month_day(2026, 1, 31), D(2026, 3, 31)),
        (quarter_last_month_day(2026, 2, 31), D(2026, 6, 30)),
        (next_quarter_first_month_day(2026, 1, 10), D(2026, 4, 10)),
        (next_quarter_first_month_day(2026, 4, 5), D(2027, 1, 5)),
        (yearly(2027, 2, 29), D(2027, 2, 28)),
        (yearly(2028, 2, 29), D(2028, 2, 29)),
    ],
)
def test_period_anchors__table(anchor: date, expected: date) -> None:
    assert anchor == expected


@pytest.mark.parametrize(
    ("day", "quarter"), [(D(2026, 1, 1), 1), (D(2026, 3, 31), 1), (D(2026, 4, 1), 2), (D(2026, 12, 31), 4)]
)
def test_quarter_of__boundaries(day: date, quarter: int) -> None:
    assert quarter_of(day) == quarter


@pytest.mark.parametrize(
    "call",
    [
        lambda: month_day(2026, 13, 1),
        lambda: month_day(2026, 1, 0),
        lambda: month_day(2026, 1, 32),
        lambda: quarter_first_month_day(2026, 5, 1),
        lambda: next_quarter_first_month_day(2026, 0, 1),
    ],
)
def test_period_anchors__out_of_range_refused(call: object) -> None:
    with pytest.raises(ValueError):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("spec", "start", "expected"),
    [
        ("5个工作日", D(2026, 9, 30), D(2026, 10, 13)),
        ("5 个工作日内", D(2026, 2, 13), D(2026, 2, 27)),
        ("5個工作日內", D(2026, 2, 13), D(2026, 2, 27)),
        ("7 个工作日后", D(2026, 9, 30), D(2026, 10, 15)),
        ("30日内", D(2026, 1, 31), D(2026, 3, 2)),
        ("7 天", D(2026, 9, 30), D(2026, 10, 7)),  # calendar days run through the holiday
        ("7日后", D(2026, 2, 13), D(2026, 2, 20)),
        ("即时", D(2026, 10, 3), D(2026, 10, 3)),
        ("当日", D(2026, 5, 6), D(2026, 5, 6)),
        ("每月25日", D(2026, 3, 25), D(2026, 3, 25)),
        ("每月25日", D(2026, 3, 26), D(2026, 4, 25)),
        ("每月 5 日前", D(2026, 12, 6), D(2027, 1, 5)),
        ("每月31日", D(2026, 2, 1), D(2026, 2, 28)),
        ("每月最后一周周三", D(2026, 11, 25), D(2026, 11, 25)),
        ("每月最后一周周三", D(2026, 11, 26), D(2026, 12, 30)),
        ("每月最后一周的周三", D(2026, 3, 1), D(2026, 3, 25)),
        ("季度首月15日", D(2026, 1, 15), D(2026, 1, 15)),
        ("季度首月15日", D(2026, 1, 16), D(2026, 4, 15)),
        ("每季度首月15日前", D(2026, 5, 1), D(2026, 7, 15)),
        ("季度首月15日", D(2026, 11, 27), D(2027, 1, 15)),
        ("季度末月24日", D(2026, 2, 1), D(2026, 3, 24)),
        ("季度末月24日", D(2026, 3, 25), D(2026, 6, 24)),
        ("次季度首月5日前", D(2026, 1, 1), D(2026, 4, 5)),
        ("次季度首月5日前", D(2026, 3, 31), D(2026, 4, 5)),
        ("次季度首月5日前", D(2026, 12, 31), D(2027, 1, 5)),
        ("每年3月10日前", D(2026, 1, 1), D(2026, 3, 10)),
        ("每年3月10日前", D(2026, 3, 11), D(2027, 3, 10)),
        ("每年12月26日", D(2026, 12, 26), D(2026, 12, 26)),
    ],
)
def test_due__every_spec_form(spec: str, start: date, expected: date) -> None:
    assert CAL.due(spec, start).date == expected


@pytest.mark.parametrize(
    ("spec", "start", "expected"),
    [
        ("5个工作日", D(2026, 9, 30), Due(D(2026, 10, 13), True)),
        ("5个工作日", D(2026, 12, 28), Due(D(2027, 1, 4), False)),  # runs into 2027
        ("5个工作日", D(2027, 9, 30), Due(D(2027, 10, 7), False)),  # 2027 National Day unknown
        ("30日", D(2027, 1, 10), Due(D(2027, 2, 9), False)),
        ("3日", D(2026, 12, 30), Due(D(2027, 1, 2), False)),
        ("次季度首月5日前", D(2026, 7, 1), Due(D(2026, 10, 5), True)),
    ],
)
def test_due__unconfirmed_year_is_flagged(spec: str, start: date, expected: Due) -> None:
    assert CAL.due(spec, start) == expected


@pytest.mark.parametrize("spec", ["下周", "", "5个月", "每年13月1日", "每月0日", "5 working days", "前"])
def test_due__unknown_spec_refused(spec: str) -> None:
    with pytest.raises(ValueError, match="1..12|1..31|unknown time-limit spec"):
        CAL.due(spec, D(2026, 1, 1))


def test_default_calendar__chinese_calendar_years_confirmed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cal, "_installed", {})
    assert set(range(2004, 2027)) <= cal.current().confirmed_years
    assert 2027 not in cal.current().confirmed_years
    assert cal.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert cal.is_confirmed(D(2026, 12, 31)) and not cal.is_confirmed(D(2027, 1, 1))


def test_install__module_functions_follow_the_installed_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cal, "_installed", {})
    schedule_2027 = {D(2027, 10, d): False for d in range(1, 8)} | {D(2027, 10, 9): True}
    cal.install(WorkingCalendar(schedule_2027, {2027}))
    assert not cal.is_working_day(D(2027, 10, 1)) and cal.is_working_day(D(2027, 10, 9))
    assert cal.add_working_days(D(2027, 9, 30), 5) == D(2027, 10, 13)
    assert cal.add_days(D(2027, 9, 30), 5) == D(2027, 10, 5)
    assert cal.working_days_between(D(2027, 9, 30), D(2027, 10, 13)) == 5
    assert cal.due("5个工作日", D(2027, 9, 30)) == Due(D(2027, 10, 13), True)
