"""When a recurring duty (日历性职责) is due: its anchor ("每月25日", "每月最后一周周三", "季度首月5日",
"季度末月25日", "次季度首月5日", "每年3月10日", "每周三") gives one due date per period. Plain Python.

Periods are keyed "2026-11" (month), "2026Q4" (quarter), "2026" (year) and "2026-W48" (ISO week). The key
is the period the duty is done FOR: "次季度首月5日" for 2026Q3 is due on 2026-10-05.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_DAY = r"(\d{1,2})日"
_WEEKDAY = r"周([一二三四五六日天])"


@dataclass(frozen=True)
class Anchor:
    frequency: str  # weekly | monthly | quarterly | yearly
    kind: str  # weekday | day | last_weekday | quarter_first | quarter_last | next_quarter_first | year_day
    day: int = 0
    month: int = 0


PATTERNS: list[tuple[str, str, str]] = [
    (rf"每{_WEEKDAY}", "weekly", "weekday"),
    (rf"每月{_DAY}", "monthly", "day"),
    (rf"每月最后一周的?{_WEEKDAY}", "monthly", "last_weekday"),
    (rf"每?季度首月{_DAY}", "quarterly", "quarter_first"),
    (rf"每?季度末月{_DAY}", "quarterly", "quarter_last"),
    (rf"次季度首月{_DAY}", "quarterly", "next_quarter_first"),
    (r"每年(\d{1,2})月(\d{1,2})日", "yearly", "year_day"),
]


def parse(spec: str) -> Anchor:
    """The anchor of a spec; a trailing 前/内 (by that day) is allowed. ValueError when not understood."""
    text = re.sub(r"\s+", "", spec).removesuffix("前").removesuffix("内")
    for pattern, frequency, kind in PATTERNS:
        match = re.fullmatch(pattern, text)
        if not match:
            continue
        if kind == "weekday" or kind == "last_weekday":
            return Anchor(frequency, kind, day=WEEKDAYS[match[1]])
        if kind == "year_day":
            month, day = int(match[1]), int(match[2])
            if not (1 <= month <= 12 and 1 <= day <= 31):
                break
            return Anchor(frequency, kind, day=day, month=month)
        if not 1 <= int(match[1]) <= 31:
            break
        return Anchor(frequency, kind, day=int(match[1]))
    raise ValueError(spec)


def day_in(year: int, month: int, day: int) -> date:
    """Day `day` of a month, clamped to its last day (每月31日 in February is the 28th/29th)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def period_of(frequency: str, day: date) -> tuple[int, int]:
    """(year, number) of the period containing `day`: month 1–12, quarter 1–4, ISO week, or year's 1."""
    if frequency == "monthly":
        return day.year, day.month
    if frequency == "quarterly":
        return day.year, (day.month - 1) // 3 + 1
    if frequency == "weekly":
        iso = day.isocalendar()
        return iso.year, iso.week
    return day.year, 1


def shift(frequency: str, period: tuple[int, int], n: int) -> tuple[int, int]:
    year, number = period
    if frequency == "monthly":
        return shift_month(year, number, n)
    if frequency == "quarterly":
        index = year * 4 + number - 1 + n
        return index // 4, index % 4 + 1
    if frequency == "weekly":
        monday = date.fromisocalendar(year, number, 1) + timedelta(weeks=n)
        return period_of("weekly", monday)
    return year + n, 1


def label(period_key: str) -> str:
    """A period's key as a clerk reads it: 2026-11 → 2026年11月, 2026Q3 → 2026年第3季度, 2026-W49 → 2026年第49周,
    2025 → 2025年 (the key is what is stored and posted)."""
    from flask_babel import gettext

    found = re.fullmatch(r"(\d{4})(?:-(\d{2})|Q(\d)|-W(\d{2}))?", period_key or "")
    if found is None:
        return period_key
    year, month, quarter, week = found.groups()
    if month:
        return gettext("%(year)s month %(number)s", year=year, number=int(month))
    if quarter:
        return gettext("%(year)s quarter %(number)s", year=year, number=int(quarter))
    if week:
        return gettext("%(year)s week %(number)s", year=year, number=int(week))
    return gettext("Year %(year)s", year=year)


def key(frequency: str, period: tuple[int, int]) -> str:
    year, number = period
    return {
        "monthly": f"{year}-{number:02d}",
        "quarterly": f"{year}Q{number}",
        "weekly": f"{year}-W{number:02d}",
    }.get(frequency, f"{year}")


def due_on(anchor: Anchor, period: tuple[int, int]) -> date:
    year, number = period
    if anchor.kind == "weekday":
        return date.fromisocalendar(year, number, anchor.day + 1)
    if anchor.kind == "day":
        return day_in(year, number, anchor.day)
    if anchor.kind == "last_weekday":
        last = day_in(year, number, 31)
        return last - timedelta(days=(last.weekday() - anchor.day) % 7)
    if anchor.kind == "quarter_first":
        return day_in(year, 3 * number - 2, anchor.day)
    if anchor.kind == "quarter_last":
        return day_in(year, 3 * number, anchor.day)
    if anchor.kind == "next_quarter_first":
        return day_in(*shift_month(year, 3 * number - 2, 3), anchor.day)
    return day_in(year, anchor.month, anchor.day)


def instances(spec: str, today: date) -> list[tuple[str, date]]:
    """(period key, due date) of the instances around `today`, by due date."""
    anchor = parse(spec)
    here = period_of(anchor.frequency, today)
    periods = [shift(anchor.frequency, here, n) for n in (-2, -1, 0, 1)]
    return sorted(((key(anchor.frequency, p), due_on(anchor, p)) for p in periods), key=lambda i: i[1])


def next_instance(spec: str, today: date) -> tuple[str, date]:
    """The first instance due today or later."""
    return next(i for i in instances(spec, today) if i[1] >= today)


def previous_instance(spec: str, today: date) -> tuple[str, date]:
    """The last instance that was due before today."""
    return [i for i in instances(spec, today) if i[1] < today][-1]
