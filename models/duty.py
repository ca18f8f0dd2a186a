"""日历性职责 — the recurring duties of CATALOG §3.5 (每月25日 失业人员基本情况查询对比, 每月最后一周周三
全区失业人员管理例会, 每季度第一个月 就业失业登记检查抽查 …): reference data an administrator edits, not a
ledger. A duty falls due once per period for every unit of its tier; 办结 is recorded per unit and period.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Model, field, utcnow

FREQUENCIES = {
    "weekly": _l("Weekly"),
    "monthly": _l("Monthly"),
    "quarterly": _l("Quarterly"),
    "yearly": _l("Yearly"),
}


class Duty(Model):
    """日历性职责: what a tier must do every week, month, quarter or year, and by which day."""

    __tablename__ = "duty"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = field(String(16), _l("Duty code"), required=True, unique=True)
    name: Mapped[str] = field(String(200), _l("Duty"), required=True)
    tier: Mapped[str] = field(String(16), _l("Tier"), required=True, index=True)
    frequency: Mapped[str] = field(String(16), _l("Frequency"), required=True)
    anchor: Mapped[str] = field(
        String(40),
        _l("Due day"),
        required=True,
        description=_l(
            "For example: %(examples)s",
            examples="每月25日、每月最后一周周三、季度首月5日、季度末月25日、次季度首月5日、每年3月10日、每周三",
        ),
    )
    lead_days: Mapped[int] = field(
        Integer,
        _l("Shown days ahead"),
        required=True,
        default=5,
        description=_l("The duty appears in the inbox this many days before it is due"),
    )
    source: Mapped[str | None] = field(Text, _l("Source in the manual"))
    active: Mapped[bool] = field(Boolean, _l("Active"), required=True, default=True)

    def __str__(self) -> str:
        return self.name

    @property
    def tier_label(self) -> str:
        from models.org import LEVELS

        return str(LEVELS.get(self.tier, self.tier))

    @property
    def frequency_label(self) -> str:
        return str(FREQUENCIES.get(self.frequency, self.frequency))


class DutyDone(Model):
    """办结: one unit has done one duty for one period ("2026-11", "2026Q4", "2026", "2026-W48")."""

    __tablename__ = "duty_done"
    __table_args__ = (UniqueConstraint("duty_id", "org_id", "period", name="uq_duty_done_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    duty_id: Mapped[int] = mapped_column(ForeignKey("duty.id"), nullable=False, index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), nullable=False, index=True)
    period: Mapped[str] = mapped_column(String(10), nullable=False)
    done_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    done_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)

    duty: Mapped[Duty] = relationship(lazy="joined")
