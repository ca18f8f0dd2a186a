"""Background tasks 我的任务: one big export, import or report run by the
huey worker for one user, with its progress, its result file (kept 7 days) or the reason it failed.
Not a ledger: no history, no version; a user sees only their own jobs (the administrator sees all)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Model, utcnow
from models.user import LedgerUser

STATUSES = {
    "queued": _l("Queued"),
    "running": _l("Running"),
    "done": _l("Done"),
    "failed": _l("Failed"),
}
FINISHED = ("done", "failed")


class BackgroundTask(Model):
    """任务: one run of a registered task kind, submitted by one user (table `job`, its name since the
    first release; renaming a table is a migration for its own sake)."""

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(60), nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False)
    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False
    )
    org_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("org_unit.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="queued")
    done: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    message: Mapped[str | None] = mapped_column(String(200), nullable=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    result_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    result_path: Mapped[str | None] = mapped_column(String(300), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # the running job's worker ("host:pid") and its last sign of life (app/background/heartbeat.py)
    worker: Mapped[str | None] = mapped_column(String(120), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    user: Mapped[LedgerUser] = relationship(LedgerUser, lazy="joined")

    @property
    def status_label(self) -> str:
        return str(STATUSES.get(self.status, self.status))

    @property
    def finished(self) -> bool:
        return self.status in FINISHED
