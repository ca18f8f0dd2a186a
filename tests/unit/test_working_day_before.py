"""R-62: the briefing falls on the working day before a visit ("前1个工作日", DL-02)."""

from __future__ import annotations

from datetime import date

import pytest

from app.calendar.core import WorkingCalendar

CAL = WorkingCalendar.from_chinese_calendar()


@pytest.mark.parametrize(
    ("visit", "briefing"),
    [
        (date(2026, 11, 26), date(2026, 11, 25)),  # Thursday → Wednesday
        (date(2026, 11, 30), date(2026, 11, 27)),  # Monday → the Friday before
        (date(2026, 10, 8), date(2026, 9, 30)),  # after National Day (10-01..07 off)
        (date(2026, 2, 24), date(2026, 2, 14)),  # after Spring Festival: 2-14 (Sat) is a make-up workday
    ],
)
def test_briefing_day__working_day_before_the_visit(visit: date, briefing: date) -> None:
    assert CAL.due("前1个工作日", visit).date == briefing
    assert CAL.is_working_day(CAL.due("前1个工作日", visit).date)
