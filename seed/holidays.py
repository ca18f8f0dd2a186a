"""Seeds the working-day calendar from chinese-calendar: every holiday and make-up workday it knows, and
each of its years marked confirmed. Idempotent and fast (bulk inserts of what is missing only); a year an
admin has already entered is left as it is."""

from __future__ import annotations

from datetime import date
from importlib.metadata import version
from typing import Any

from sqlalchemy import insert, select

from models.calendar import CalendarYear, Holiday


def chinese_calendar_days() -> dict[date, tuple[bool, str]]:
    """date -> (is make-up workday, Chinese holiday name) from chinese-calendar's tables."""
    from chinese_calendar.constants import Holiday as Festival
    from chinese_calendar.constants import holidays, workdays

    chinese = {festival.value: festival.chinese for festival in Festival}
    days = {d: (False, chinese.get(name, name)) for d, name in holidays.items()}
    days |= {d: (True, chinese.get(name, name)) for d, name in workdays.items()}
    return days


def load_holidays(session: Any) -> int:
    """Insert the missing years (holidays and their CalendarYear row); returns the holiday rows added."""
    source = f"chinese-calendar {version('chinese-calendar')}"
    known_years = set(session.execute(select(CalendarYear.year)).scalars())
    known_dates = set(session.execute(select(Holiday.date)).scalars())
    days = chinese_calendar_days()
    new_years = sorted({d.year for d in days} - known_years)
    rows = [
        {"date": d, "is_workday": workday, "name": name, "source": source}
        for d, (workday, name) in sorted(days.items())
        if d.year in new_years and d not in known_dates
    ]
    if rows:
        session.execute(insert(Holiday), rows)
    if new_years:
        session.execute(
            insert(CalendarYear), [{"year": y, "confirmed": True, "source": source} for y in new_years]
        )
    session.flush()
    return len(rows)
