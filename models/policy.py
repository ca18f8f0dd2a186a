"""Policy parameters 政策参数 and per-record materials 材料收取 (CATALOG §4.3, §6, Appendix B, Appendix D):
reference tables, not ledgers. Both are written to the change history by app/audit.py (`audit_target`):
a parameter under its own name "policy_parameter", a material receipt under the ledger row it belongs to.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Model, field, utcnow

PARAMETER_KINDS = {
    "money": _l("Amount (yuan)"),
    "rate": _l("Rate (0.08 = 8%)"),
    "integer": _l("Whole number"),
    "text": _l("Text"),
    "choice": _l("Choice of reading"),
}


class PolicyParameter(Model):
    """政策参数: one value of one policy figure (最低工资, 社会平均工资, 缴费比例, 补贴标准, 公示期 …) in force
    from a date until the next row of the same key. Edited by the administrator; never overwritten by a
    later rate: a change is a new row with its own effective date, so earlier results keep theirs."""

    __tablename__ = "policy_parameter"
    __table_args__ = (UniqueConstraint("key", "effective_from", name="uq_policy_parameter_key_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = field(String(60), _l("Parameter key"), required=True, index=True)
    label: Mapped[str] = field(String(200), _l("Parameter"), required=True)
    kind: Mapped[str] = field(String(10), _l("Kind"), required=True)
    value: Mapped[str] = field(String(200), _l("Value"), required=True)
    unit: Mapped[str | None] = field(String(20), _l("Unit"))
    effective_from: Mapped[date] = field(Date, _l("Effective from"), required=True)
    source: Mapped[str | None] = field(Text, _l("Source / citation"))
    note: Mapped[str | None] = field(Text, _l("Note"))
    choices: Mapped[str | None] = field(
        Text, _l("Readings"), description=_l("For a choice: one reading per line, as code=description")
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    def __str__(self) -> str:
        return f"{self.label} {self.effective_from.isoformat()}"

    @property
    def kind_label(self) -> str:
        return str(PARAMETER_KINDS.get(self.kind, self.kind))

    def choice_map(self) -> dict[str, str]:
        lines = (line.split("=", 1) for line in (self.choices or "").splitlines() if "=" in line)
        return {code.strip(): text.strip() for code, text in lines}

    @property
    def value_label(self) -> str:
        """The value as the admin reads it: a choice's words (住房公积金: 固定金额…) rather than its code."""
        return self.choice_map().get(self.value, self.value)

    def audit_target(self) -> tuple[str, int, Any]:
        return "policy_parameter", self.id, None


class MaterialReceipt(Model):
    """材料收取: one item of a checklist (CATALOG §6) for one ledger row — received, on which day, whether
    its copy bears the seal (R-22), and optionally the scanned file (stored under instance/attachments/)."""

    __tablename__ = "material_receipt"
    __table_args__ = (
        UniqueConstraint("ledger", "row_id", "checklist", "item", name="uq_material_receipt_item"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ledger: Mapped[str] = mapped_column(String(40), nullable=False)
    row_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    checklist: Mapped[str] = mapped_column(String(16), nullable=False)
    item: Mapped[int] = mapped_column(Integer, nullable=False)
    received: Mapped[bool] = field(Boolean, _l("Received"), required=True, default=False)
    received_on: Mapped[date | None] = field(Date, _l("Received on"))
    copy_stamped: Mapped[bool] = field(Boolean, _l("Copy sealed"), required=True, default=False)
    note: Mapped[str | None] = field(Text, _l("Note"))
    attachment_path: Mapped[str | None] = mapped_column(String(255), nullable=True)
    attachment_name: Mapped[str | None] = field(String(200), _l("Scanned file"))
    attachment_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    attachment_mime: Mapped[str | None] = mapped_column(String(60), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    audit_keys = ("checklist", "item")  # in every audit row, so the history can say which item changed

    def audit_target(self) -> tuple[str, int, Any]:
        return self.ledger, self.row_id, None
