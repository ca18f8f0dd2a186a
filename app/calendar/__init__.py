"""The working-day calendar: the pure core (core.py: working days, deadlines, period anchors; no Flask),
the holiday store in the database (store.py), the State Council schedule import (schedule_import.py) and
its commands (cli.py). `from app import calendar` gives the core's API."""

from app.calendar.core import WorkingCalendar, current, due, install

__all__ = ["WorkingCalendar", "current", "due", "install"]
