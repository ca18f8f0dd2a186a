"""Interim working-day calendar (replaced by the calendar branch): N日 and N个工作日 only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Due:
    date: date
    confirmed: bool


def is_working_day(d: date) -> bool:
    import chinese_calendar

    return bool(chinese_calendar.is_workday(d))


def add_working_days(start: date, n: int) -> date:
    d = start
    while n > 0:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def due(spec: str, start: date) -> Due:
    match = re.fullmatch(r"(\d+)\s*(个工作日|日|天)[内前后]?", spec)
    if not match:
        raise ValueError(spec)
    n = int(match[1])
    if match[2] == "个工作日":
        return Due(add_working_days(start, n), True)
    return Due(start + timedelta(days=n), True)


def current():  # noqa: ANN201
    import sys

    return sys.modules[__name__]
