"""R-57 洽谈会 timings on the working-day calendar, around the 2026 National Day holiday (10-01..10-07 off,
10-10 a Saturday make-up working day): hand-checked against the State Council schedule."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.calendar.core import WorkingCalendar
from app.rules import job_fair as rules

CAL = WorkingCalendar.from_chinese_calendar()


@pytest.mark.parametrize(
    ("intake", "due"),
    [
        (date(2026, 9, 30), date(2026, 10, 10)),  # 10-08, 10-09, 10-10 (调休 Saturday)
        (date(2026, 10, 9), date(2026, 10, 13)),  # 10-10, 10-12, 10-13
        (date(2026, 11, 2), date(2026, 11, 5)),  # plain weekdays
    ],
)
def test_publication_due__three_working_days_after_intake(intake: date, due: date) -> None:
    assert rules.publication_due(CAL, intake) == due


@pytest.mark.parametrize(
    ("fair", "due"),
    [
        (date(2026, 10, 8), date(2026, 9, 30)),  # over the holiday
        (date(2026, 10, 12), date(2026, 10, 10)),  # the make-up Saturday
        (date(2026, 11, 2), date(2026, 10, 30)),  # Monday → Friday
    ],
)
def test_screen_import__the_working_day_before_the_fair(fair: date, due: date) -> None:
    assert rules.screen_import_due(CAL, fair) == due


@pytest.mark.parametrize(
    ("fair", "due"),
    [(date(2026, 9, 30), date(2026, 10, 13)), (date(2026, 11, 2), date(2026, 11, 9))],
)
def test_receipts_due__five_working_days_after_the_fair(fair: date, due: date) -> None:
    assert rules.receipts_due(CAL, fair) == due


def test_receipt_overdue__only_after_the_fifth_working_day_and_without_receipt() -> None:
    fair = date(2026, 9, 30)
    assert not rules.receipt_overdue(CAL, fair, None, date(2026, 10, 13))
    assert rules.receipt_overdue(CAL, fair, None, date(2026, 10, 14))
    assert not rules.receipt_overdue(CAL, fair, date(2026, 10, 14), date(2026, 10, 20))


@pytest.mark.parametrize(
    ("kind", "start", "expected"),
    [
        ("2", "09:30", datetime(2026, 10, 12, 8, 30)),
        ("2", "0:30", datetime(2026, 10, 11, 23, 30)),
        ("1", "09:30", None),  # 例行: no special briefing
        ("2", "", None),
        ("2", "9.30", None),
    ],
)
def test_briefing__one_hour_before_a_special_fair(kind: str, start: str, expected: datetime | None) -> None:
    assert rules.briefing_at(kind, date(2026, 10, 12), start) == expected
