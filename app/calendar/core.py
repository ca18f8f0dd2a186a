"""Working-day calendar 工作日历: working days, deadlines and the period anchors of CATALOG §3.5 / §4.6.

Plain Python (no Flask, no session). A `WorkingCalendar` is built from explicit entries — holidays 放假 and
make-up workdays 调休上班 — plus the set of years whose State Council schedule is confirmed; any date without
an entry is a working day iff Monday–Friday. A year without confirmed data is therefore computed on weekdays,
and every deadline computed in it carries `Due.confirmed = False` (shown as 日历未确认).

"N日"/"N天" are calendar days and "N个工作日" working days; the two are never mixed (CATALOG B-01).

Spec grammar of `due(spec, start)` (whitespace anywhere is ignored; 個/內/後 are read as 个/内/后):

    N个工作日          the N-th working day after start                 "5个工作日", "5 个工作日内"
    N日 | N天          start + N calendar days                            "30日内", "7日后"
    前N个工作日        the N-th working day BEFORE start                  "前1个工作日" (a briefing before a visit)
    即时 | 当日 | 当天  start itself
    每月N日            first day N of a month on or after start (N clamped to the month's last day)
    每月最后一周周三    first last-Wednesday-of-a-month on or after start (see last_week_wednesday)
    季度首月N日        first day N of a quarter's first month on or after start
    季度末月N日        first day N of a quarter's last month on or after start
    次季度首月N日      day N of the first month of the quarter after start's quarter
    每年M月N日         first M月N日 on or after start

One trailing "前" (on or before, CATALOG B-09), "内" (within) or "后" (after) is accepted and ignored;
"季度…" may also be written "每季度…". Anything else raises ValueError naming the spec.
"""

from __future__ import annotations

import bisect
import calendar as gregorian
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Due:
    """A computed deadline; `confirmed` is False when a year it touched has no confirmed schedule."""

    date: date
    confirmed: bool


# --- period anchors (pure Gregorian) ------------------------------------------------------------------


def _check(month: int, n: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    if not 1 <= n <= 31:
        raise ValueError(f"day must be 1..31, got {n}")


def month_day(year: int, month: int, n: int) -> date:
    """Day N of a month ("每月N日"), clamped to the month's last day (每月31日 in February = 28/29)."""
    _check(month, n)
    return date(year, month, min(n, gregorian.monthrange(year, month)[1]))


def last_week_wednesday(year: int, month: int) -> date:
    """ "每月最后一周的周三" (全区失业人员管理例会, WF-N1): read as the last Wednesday of the month.

    The meeting is the month's own meeting, so it must fall inside the month: when a month ends on a Monday
    or Tuesday, the Wednesday of that last (partial) week lies in the next month, and the meeting is held on
    the Wednesday before it instead. Holidays do not move it (the manual says nothing about that).
    """
    last = month_day(year, month, 31)
    return last - timedelta(days=(last.weekday() - 2) % 7)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _check_quarter(quarter: int) -> None:
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1..4, got {quarter}")


def quarter_first_month_day(year: int, quarter: int, n: int) -> date:
    """Day N of the quarter's first month ("每季度第一个月的15日前")."""
    _check_quarter(quarter)
    return month_day(year, 3 * quarter - 2, n)


def quarter_last_month_day(year: int, quarter: int, n: int) -> date:
    """Day N of the quarter's last month ("每季度末的24日前", CATALOG B-24)."""
    _check_quarter(quarter)
    return month_day(year, 3 * quarter, n)


def next_quarter_first_month_day(year: int, quarter: int, n: int) -> date:
    """Day N of the first month of the following quarter ("次季度首月5日前"); Q4 rolls into next January."""
    _check_quarter(quarter)
    return quarter_first_month_day(year + quarter // 4, quarter % 4 + 1, n)


def yearly(year: int, month: int, day: int) -> date:
    """M月N日 of a year ("每年3月10日前"); 2月29日 is clamped to 28 in common years."""
    return month_day(year, month, day)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _first_on_or_after(start: date, anchor: Callable[[int, int], date], months: tuple[int, ...]) -> date:
    """The first anchor(year, month) >= start over the given months of each year."""
    year, month = start.year, start.month
    for _ in range(25):
        if month in months:
            candidate = anchor(year, month)
            if candidate >= start:
                return candidate
        year, month = _next_month(year, month)
    raise AssertionError("unreachable: an anchor exists in every year")


# --- the calendar -------------------------------------------------------------------------------------


class WorkingCalendar:
    """Working days from explicit entries (date -> True 调休上班 / False 放假) over a Monday–Friday default."""

    def __init__(self, days: dict[date, bool], confirmed_years: set[int]) -> None:
        self.days = dict(days)
        self.confirmed_years = frozenset(confirmed_years)
        # entries that differ from the weekday default, sorted, for fast counting over long ranges
        self._exceptions = sorted(d for d, working in self.days.items() if working != (d.weekday() < 5))

    @classmethod
    def from_chinese_calendar(cls) -> WorkingCalendar:
        """The built-in default: chinese-calendar's data, every year it knows marked confirmed."""
        from chinese_calendar.constants import holidays, workdays

        days = {d: False for d in holidays} | {d: True for d in workdays}
        return cls(days, {d.year for d in holidays})

    def is_working_day(self, d: date) -> bool:
        working = self.days.get(d)
        return d.weekday() < 5 if working is None else working

    def is_confirmed(self, d: date) -> bool:
        return d.year in self.confirmed_years

    def span_confirmed(self, a: date, b: date) -> bool:
        """Every year from a's to b's (either order) is confirmed."""
        low, high = sorted((a.year, b.year))
        return all(year in self.confirmed_years for year in range(low, high + 1))

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after start (n < 0: before; n = 0: start itself)."""
        step = timedelta(days=1 if n > 0 else -1)
        d, left = start, abs(n)
        while left:
            d += step
            if self.is_working_day(d):
                left -= 1
        return d

    def add_days(self, start: date, n: int) -> date:
        """Calendar days ("N日"/"N天")."""
        return start + timedelta(days=n)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b; negative when b < a."""
        if b < a:
            return -self.working_days_between(b, a)
        total = _weekdays_upto(b) - _weekdays_upto(a)
        lo = bisect.bisect_right(self._exceptions, a)
        hi = bisect.bisect_right(self._exceptions, b)
        for d in self._exceptions[lo:hi]:
            total += 1 if self.days[d] else -1
        return total

    def due(self, spec: str, start: date) -> Due:
        """Compute a deadline from a time-limit spec (grammar in the module docstring)."""
        result = _compute(self, spec, start)
        return Due(result, self.span_confirmed(start, result))


def _weekdays_upto(d: date) -> int:
    """Monday–Friday dates from a fixed origin up to d (differences count weekdays in a range)."""
    ordinal = d.toordinal()  # ordinal 1 = 0001-01-01, a Monday
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


# --- spec parsing -------------------------------------------------------------------------------------

_NORMALISE = str.maketrans({"個": "个", "內": "内", "後": "后"})
ALL_MONTHS = tuple(range(1, 13))


def _monthly(cal: WorkingCalendar, start: date, n: int) -> date:
    return _first_on_or_after(start, lambda y, m: month_day(y, m, n), ALL_MONTHS)


def _last_wednesday(cal: WorkingCalendar, start: date) -> date:
    return _first_on_or_after(start, last_week_wednesday, ALL_MONTHS)


def _quarter_first(cal: WorkingCalendar, start: date, n: int) -> date:
    return _first_on_or_after(start, lambda y, m: month_day(y, m, n), (1, 4, 7, 10))


def _quarter_last(cal: WorkingCalendar, start: date, n: int) -> date:
    return _first_on_or_after(start, lambda y, m: month_day(y, m, n), (3, 6, 9, 12))


def _next_quarter_first(cal: WorkingCalendar, start: date, n: int) -> date:
    return next_quarter_first_month_day(start.year, quarter_of(start), n)


def _yearly(cal: WorkingCalendar, start: date, month: int, day: int) -> date:
    _check(month, day)
    return _first_on_or_after(start, lambda y, m: yearly(y, m, day), (month,))


_SPECS: list[tuple[re.Pattern[str], Callable[..., date]]] = [
    (re.compile(r"(\d+)个工作日"), WorkingCalendar.add_working_days),
    (re.compile(r"前(\d+)个工作日"), lambda cal, start, n: cal.add_working_days(start, -n)),
    (re.compile(r"(\d+)[日天]"), WorkingCalendar.add_days),
    (re.compile(r"即时|当日|当天"), lambda cal, start: start),
    (re.compile(r"每月(\d+)日"), _monthly),
    (re.compile(r"每月最后一周的?周三"), _last_wednesday),
    (re.compile(r"每?季度首月(\d+)日"), _quarter_first),
    (re.compile(r"每?季度末月(\d+)日"), _quarter_last),
    (re.compile(r"次季度首月(\d+)日"), _next_quarter_first),
    (re.compile(r"每年(\d+)月(\d+)日"), _yearly),
]


def _compute(cal: WorkingCalendar, spec: str, start: date) -> date:
    text = re.sub(r"\s+", "", spec).translate(_NORMALISE)
    if text[-1:] in ("前", "内", "后"):
        text = text[:-1]
    for pattern, compute in _SPECS:
        match = pattern.fullmatch(text)
        if match:
            return compute(cal, start, *(int(group) for group in match.groups()))
    raise ValueError(
        f"unknown time-limit spec {spec!r}: expected e.g. '5个工作日', '30日', '每月25日', "
        "'每月最后一周周三', '季度首月15日', '季度末月24日', '次季度首月5日前', '每年3月10日' or '即时'"
    )


# --- the installed calendar ---------------------------------------------------------------------------

_installed: dict[str, WorkingCalendar] = {}


def install(calendar: WorkingCalendar) -> None:
    """Make `calendar` the one the module-level functions use (the app installs the database's)."""
    _installed["current"] = calendar


def current() -> WorkingCalendar:
    """The installed calendar; until one is installed, chinese-calendar's built-in data."""
    if "current" not in _installed:
        _installed["current"] = WorkingCalendar.from_chinese_calendar()
    return _installed["current"]


def is_working_day(d: date) -> bool:
    return current().is_working_day(d)


def is_confirmed(d: date) -> bool:
    return current().is_confirmed(d)


def add_working_days(start: date, n: int) -> date:
    return current().add_working_days(start, n)


def add_days(start: date, n: int) -> date:
    return current().add_days(start, n)


def working_days_between(a: date, b: date) -> int:
    return current().working_days_between(a, b)


def due(spec: str, start: date) -> Due:
    return current().due(spec, start)
