"""Working-day calendar 工作日历 reference tables (not ledgers): the State Council's holiday schedule 放假安排
(holidays 放假 and make-up workdays 调休上班) and, per year, whether that schedule has been confirmed.
A year without a confirmed schedule is computed on weekdays and its deadlines are marked 日历未确认."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Model, field, utcnow

DAY_KINDS = {False: _l("Holiday"), True: _l("Make-up workday")}


class Holiday(Model):
    """节假日安排: one date that differs from the Monday–Friday rule (放假, or 调休上班 on a weekend)."""

    __tablename__ = "holiday"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[date] = field(Date, _l("Date"), required=True, unique=True)
    is_workday: Mapped[bool] = field(
        Boolean, _l("Make-up workday"), required=True, default=False, description=_l("Ticked: 调休上班")
    )
    name: Mapped[str] = field(String(100), _l("Holiday name"), required=True)
    source: Mapped[str | None] = field(String(100), _l("Source"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    @property
    def kind_label(self) -> str:
        return str(DAY_KINDS[self.is_workday])

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"


class CalendarYear(Model):
    """年度日历: whether a year's holiday schedule is confirmed, and where it came from."""

    __tablename__ = "calendar_year"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = field(Integer, _l("Year"), required=True, unique=True)
    confirmed: Mapped[bool] = field(Boolean, _l("Confirmed"), required=True, default=False)
    source: Mapped[str | None] = field(String(200), _l("Source"))
    note: Mapped[str | None] = field(Text, _l("Note"))
    updated_at: Mapped[datetime] = field(
        DateTime, _l("Updated at"), required=True, default=utcnow, onupdate=utcnow
    )

    def __str__(self) -> str:
        return str(self.year)
