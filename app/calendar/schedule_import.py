"""Importing a year's State Council holiday schedule 国务院办公厅节假日安排通知 from CSV.

Columns 日期,类型,名称 (a header row is optional): 类型 is 放假 (holiday) or 上班 (make-up workday 调休上班).
UTF-8, UTF-8 with BOM and GB18030 (what Excel/WPS save on Chinese Windows) are accepted. Every row is
checked first and every error is reported with its row number; only a clean file is written, replacing the
year's previous entries, in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models.calendar import CalendarYear, Holiday

MAX_BYTES = 1024 * 1024
HOLIDAY_WORDS = {"放假", "休", "休息", "假"}
WORKDAY_WORDS = {"上班", "班", "调休上班", "补班"}
DATE_PATTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass
class ScheduleError(Exception):
    """A refused file: every problem found, each naming its row."""

    errors: list[Any]

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


@dataclass(frozen=True)
class ScheduleDay:
    day: date
    is_workday: bool
    name: str


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ScheduleError([_l("The file is larger than 1 MB")])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ScheduleError([_l("The file is not UTF-8 or GB18030 text")])


def parse_date(text: str) -> date | None:
    match = DATE_PATTERN.fullmatch(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def parse(text: str, year: int) -> list[ScheduleDay]:
    """The schedule rows of a CSV text for `year`; raises ScheduleError listing every bad row."""
    errors: list[Any] = []
    days: list[ScheduleDay] = []
    seen: dict[date, int] = {}
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells) or (number == 1 and "日期" in cells[0]):
            continue
        if len(cells) < 3:
            errors.append(_l("Row %(row)s: expected three columns: date, type, name", row=number))
            continue
        raw_date, kind, name = cells[:3]
        day = parse_date(raw_date)
        if day is None:
            errors.append(
                _l(
                    'Row %(row)s, date: cannot read "%(value)s"; write it like 2027-10-01',
                    row=number,
                    value=raw_date,
                )
            )
        elif day.year != year:
            errors.append(
                _l("Row %(row)s, date: %(value)s is not in %(year)s", row=number, value=raw_date, year=year)
            )
        elif day in seen:
            errors.append(
                _l(
                    "Row %(row)s, date: %(value)s already appears in row %(other)s",
                    row=number,
                    value=raw_date,
                    other=seen[day],
                )
            )
        if kind not in HOLIDAY_WORDS | WORKDAY_WORDS:
            errors.append(
                _l('Row %(row)s, type: must be "放假" or "上班", not "%(value)s"', row=number, value=kind)
            )
        elif kind in WORKDAY_WORDS and day is not None and day.weekday() < 5:
            errors.append(
                _l(
                    "Row %(row)s, type: %(value)s is a weekday and needs no make-up workday entry",
                    row=number,
                    value=raw_date,
                )
            )
        if not name:
            errors.append(_l("Row %(row)s, name: this field is required", row=number))
        if day is not None:
            seen.setdefault(day, number)
            days.append(ScheduleDay(day, kind in WORKDAY_WORDS, name))
    if not errors and not days:
        errors.append(_l("The file has no data rows"))
    if errors:
        raise ScheduleError(errors)
    return days


def write(session: Any, year: int, days: list[ScheduleDay], source: str, confirm: bool) -> None:
    """Replace the year's entries with `days` and record the year, confirmed or (a draft) not; not committed."""
    for old in session.execute(
        select(Holiday).where(Holiday.date >= date(year, 1, 1), Holiday.date <= date(year, 12, 31))
    ).scalars():
        session.delete(old)
    session.flush()
    for day in days:
        session.add(Holiday(date=day.day, is_workday=day.is_workday, name=day.name, source=source))
    record = session.execute(select(CalendarYear).where(CalendarYear.year == year)).scalar_one_or_none()
    if record is None:
        record = CalendarYear(year=year, confirmed=False)
        session.add(record)
    record.source = source
    record.confirmed = confirm
    session.flush()


def import_schedule(session: Any, year: int, data: bytes, source: str, confirm: bool) -> list[ScheduleDay]:
    """Check the whole file, then write it and commit; on any error nothing is written."""
    if not 2000 <= year <= 2100:
        raise ScheduleError([_l("The year must be between 2000 and 2100")])
    days = parse(decode(data), year)
    try:
        write(session, year, days, source, confirm)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return days
