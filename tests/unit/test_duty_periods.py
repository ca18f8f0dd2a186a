"""Recurring-duty due dates per period: month days clamped, last-week Wednesday, quarter months, the
next quarter's first month, year days and ISO weeks."""

from datetime import date

import pytest
from flask import Flask

from app.services import duty_periods
from app.services.duty_periods import next_instance, parse, previous_instance

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("spec", "today", "expected"),
    [
        ("每月25日", TODAY, ("2026-12", date(2026, 12, 25))),
        ("每月25日", date(2026, 11, 25), ("2026-11", date(2026, 11, 25))),
        ("每月5日前", TODAY, ("2026-12", date(2026, 12, 5))),
        ("每月31日", date(2027, 2, 1), ("2027-02", date(2027, 2, 28))),
        ("每月最后一周周三", TODAY, ("2026-12", date(2026, 12, 30))),
        ("每月最后一周周三", date(2026, 9, 1), ("2026-09", date(2026, 9, 30))),
        ("每月最后一周的周三", date(2027, 2, 1), ("2027-02", date(2027, 2, 24))),
        ("季度首月31日", date(2026, 10, 2), ("2026Q4", date(2026, 10, 31))),
        ("季度首月31日", TODAY, ("2027Q1", date(2027, 1, 31))),
        ("季度末月25日", TODAY, ("2026Q4", date(2026, 12, 25))),
        ("次季度首月5日前", TODAY, ("2026Q4", date(2027, 1, 5))),
        ("次季度首月5日", date(2026, 10, 3), ("2026Q3", date(2026, 10, 5))),
        ("每年3月10日前", TODAY, ("2027", date(2027, 3, 10))),
        ("每年12月20日", TODAY, ("2026", date(2026, 12, 20))),
        ("每周三", TODAY, ("2026-W49", date(2026, 12, 2))),
        ("每周三", date(2026, 12, 30), ("2026-W53", date(2026, 12, 30))),
    ],
)
def test_next_instance(spec: str, today: date, expected: tuple[str, date]) -> None:
    assert next_instance(spec, today) == expected


def test_previous_instance__the_last_one_due_before_today() -> None:
    assert previous_instance("每月25日", TODAY) == ("2026-11", date(2026, 11, 25))
    assert previous_instance("次季度首月5日", TODAY) == ("2026Q3", date(2026, 10, 5))
    assert previous_instance("每年3月10日", TODAY) == ("2026", date(2026, 3, 10))


@pytest.mark.parametrize("spec", ["每月", "每月32日", "每年13月1日", "每两周", "季度首月", ""])
def test_parse__unknown_anchor_refused(spec: str) -> None:
    with pytest.raises(ValueError):
        parse(spec)


def test_seeded_duties__every_anchor_understood() -> None:
    from seed.duties import DUTIES

    assert len(DUTIES) >= 15
    assert all(parse(anchor) for _, _, _, anchor, _ in DUTIES)
    assert len({code for code, *_ in DUTIES}) == len(DUTIES)


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        ("2026-11", "2026年11月"),
        ("2026Q3", "2026年第3季度"),
        ("2026-W49", "2026年第49周"),
        ("2025", "2025年"),
    ],
)
def test_label__a_period_as_a_clerk_reads_it_not_its_key(app: Flask, period: str, shown: str) -> None:
    with app.test_request_context():
        assert duty_periods.label(period) == shown
