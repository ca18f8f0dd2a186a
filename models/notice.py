"""公示 — public notices (CATALOG §7.1 PN-01, R-35; 区级 第一章 第三节（六）2 L837): the review results of an
approved batch of cases published for one week on “就业快车” and 顺义区人力资源和社会保障网 with the
supervision phone, names and ID numbers masked. Objections received during the week are logged here and
return the case they concern. Generic: any ledger whose records offer `notice_row()` and whose workflow
has the steps of app/services/notices.py can put a batch on notice (区级优惠政策 now; SI subsidies, welfare posts).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import LedgerMixin, Model, field, utcnow
from models.workflow import WorkflowStateMixin


class PublicNotice(WorkflowStateMixin, LedgerMixin, Model):
    """公示: one notice of one batch, draft → published (公示期 start … end) → closed."""

    __tablename__ = "public_notice"
    __ledger__ = "public_notice"
    __ledger_label__ = _l("Public notice ledger")

    title: Mapped[str] = field(String(200), _l("Notice title"), required=True)
    source_ledger: Mapped[str | None] = field(String(40), _l("Ledger of the cases"))
    body: Mapped[str | None] = field(Text, _l("Notice text"))
    channels: Mapped[str | None] = field(String(200), _l("Published on"))
    start_on: Mapped[date | None] = field(Date, _l("Notice starts on"), export="date")
    end_on: Mapped[date | None] = field(Date, _l("Notice ends on"), export="date")
    phone: Mapped[str | None] = field(String(40), _l("Supervision phone"))

    entries = relationship(
        "NoticeEntry", back_populates="notice", order_by="NoticeEntry.id", cascade="all, delete-orphan"
    )
    objections = relationship("NoticeObjection", order_by="NoticeObjection.id")

    def ledger_title(self) -> str:
        return self.title


class NoticeEntry(Model):
    """One line of a notice: the case it lists, and what the public sees of it (masked when shown)."""

    __tablename__ = "notice_entry"
    __table_args__ = (Index("ix_notice_entry_case", "ledger", "row_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("public_notice.id"), nullable=False, index=True)
    ledger: Mapped[str] = mapped_column(String(40), nullable=False)
    row_id: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    is_person: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    id_number: Mapped[str | None] = mapped_column(String(18), nullable=True)
    item: Mapped[str | None] = mapped_column(String(100), nullable=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    objected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    notice = relationship("PublicNotice", back_populates="entries")


class NoticeObjection(Model):
    """异议: an objection received during the notice period, and the case it concerns (if named)."""

    __tablename__ = "notice_objection"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("public_notice.id"), nullable=False, index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("notice_entry.id"), nullable=True)
    received_on: Mapped[date] = mapped_column(Date, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    username: Mapped[str] = mapped_column(String(100), nullable=False)

    entry = relationship("NoticeEntry")
