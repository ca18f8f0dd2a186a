"""Change history 留痕 (docs/architecture.md): who changed which ledger row, when, from which org, and the
field-level before/after. Written by the flush listener in app/audit.py in the same transaction; the
application never updates or deletes it."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Model, field, utcnow

ACTIONS = {
    "create": _l("Created"),
    "update": _l("Updated"),
    "void": _l("Voided"),
    "restore": _l("Restored"),
    "transfer": _l("Transferred"),
    "transition": _l("Workflow step"),
    "delete": _l("Deleted"),  # reference rows only (the working calendar); ledger rows are never deleted
}


class AuditLog(Model):
    """变更历史: one insert/update/void of one ledger row, append-only."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_row", "ledger", "row_id"),
        Index("ix_audit_log_org_at", "row_org_path", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = field(DateTime, _l("Changed at"), required=True, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    username: Mapped[str] = field(String(100), _l("Changed by"), required=True)
    user_org_name: Mapped[str | None] = field(String(100), _l("Changed from org"))
    ledger: Mapped[str] = field(String(40), _l("Ledger"), required=True)
    row_id: Mapped[int] = field(Integer, _l("Record number"), required=True)
    row_org_path: Mapped[str | None] = mapped_column(String(255), nullable=True)
    row_org_name: Mapped[str | None] = field(String(100), _l("Record org"))
    action: Mapped[str] = field(String(16), _l("Action"), required=True)
    changes: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    comment: Mapped[str | None] = field(Text, _l("Comment"))

    @property
    def action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))
