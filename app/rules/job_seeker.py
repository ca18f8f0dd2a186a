"""求职登记 rules (CATALOG R-13, E06 有效期): plain functions of dates, no Flask, no database.

R-13 “为年满 16 周岁、有求职意愿的人员办理求职登记手续” (街镇级 第五章 第二节（一）): the person must be 16 on the
registration date, counted from the birth date in the ID number. A person born on 29 February turns 16 on
1 March of a non-leap year.

有效期: the manual speaks of “有效期内的求职信息” (区级 第二章 第二节（二）4) but states no period; the
registration therefore carries its own `valid_until`, filled in as registration date + N months when left
empty (N is the setting JOB_SEEKER_VALID_MONTHS, default 3).
"""

from __future__ import annotations

import calendar
from datetime import date

MIN_AGE = 16
DEFAULT_VALID_MONTHS = 3


def age_on(birth: date, day: date) -> int:
    """Whole years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def old_enough(birth: date, registered_on: date) -> bool:
    """R-13: at least 16 on the registration date (the 16th birthday itself counts)."""
    return age_on(birth, registered_on) >= MIN_AGE


def add_months(day: date, months: int) -> date:
    """The same day `months` later, the month's last day when it has fewer days (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_valid_until(registered_on: date, months: int = DEFAULT_VALID_MONTHS) -> date:
    """The last day of validity, counted like a period of months in 民法典 第二百零一、二百零二条: the
    registration day itself is not counted, the period ends on the same-numbered day `months` later, or on
    that month's last day when it has no such day (1 March + 3 → 1 June; 30 November + 3 → 28 February)."""
    return add_months(registered_on, months)


def overlaps(start: date, end: date, other_start: date, other_end: date) -> bool:
    """Whether two validity periods (both ends inclusive) share a day."""
    return start <= other_end and other_start <= end
