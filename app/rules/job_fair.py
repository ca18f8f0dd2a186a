"""洽谈会 timings (CATALOG R-57, DL-11..DL-13; 区级 第二章 第二节（四）3–5): plain functions of dates and a
working-day calendar, no Flask, no database.

- publication “在接待受理后的 3 个工作日内”: intake + 3 working days;
- screen import “在洽谈会召开的前 1 个工作日，导入洽谈场所内的电子屏发布系统”: the working day before the fair;
- special briefing “在专场洽谈会召开前 1 个小时，为应聘人员提供专场指导”: start − 1 hour, 专场 only;
- receipts “在招聘洽谈会结束后的 5 个工作日内”: fair day + 5 working days.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Protocol

PUBLICATION_WORKING_DAYS = 3
SCREEN_IMPORT_WORKING_DAYS_BEFORE = 1
BRIEFING_LEAD = timedelta(hours=1)
RECEIPT_WORKING_DAYS = 5
ROUTINE, SPECIAL = "1", "2"  # code list job_fair_type: 例行, 专场

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class Calendar(Protocol):
    def add_working_days(self, start: date, n: int) -> date: ...


def publication_due(cal: Calendar, intake: date) -> date:
    return cal.add_working_days(intake, PUBLICATION_WORKING_DAYS)


def screen_import_due(cal: Calendar, fair_day: date) -> date:
    return cal.add_working_days(fair_day, -SCREEN_IMPORT_WORKING_DAYS_BEFORE)


def receipts_due(cal: Calendar, fair_day: date) -> date:
    return cal.add_working_days(fair_day, RECEIPT_WORKING_DAYS)


def latest_fair_day(cal: Calendar, due_by: date) -> date:
    """The last fair day whose receipts are due on or before `due_by` (receipts_due grows with the fair
    day, so a fair on or before it has its receipts due by then: a date column compared in SQL)."""
    day = due_by
    while receipts_due(cal, day) > due_by:
        day -= timedelta(days=1)
    return day


def parse_start(text: str | None) -> time | None:
    """A start time typed as H:MM or HH:MM (24 hours); None when empty or not a time."""
    match = _HHMM.match((text or "").strip())
    return time(int(match[1]), int(match[2])) if match else None


def briefing_at(fair_type: str | None, fair_day: date | None, start: str | None) -> datetime | None:
    """When the special briefing of a 专场 begins (one hour before the start); None for a 例行 fair."""
    begins = parse_start(start)
    if fair_type != SPECIAL or fair_day is None or begins is None:
        return None
    return datetime.combine(fair_day, begins) - BRIEFING_LEAD


def receipt_overdue(cal: Calendar, fair_day: date | None, receipt_on: date | None, today: date) -> bool:
    """A participation without a receipt once the 5 working days after the fair have passed."""
    return fair_day is not None and receipt_on is None and today > receipts_due(cal, fair_day)
