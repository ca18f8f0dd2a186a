"""Workflow records: the state a ledger row is in, the 流转记录 (every transition, who, when, from which
org, from → to, comment and inputs) and the deadlines the manual sets on each step (时限)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from models.base import Model, utcnow


class WorkflowStateMixin:
    """The workflow state of a ledger row. Not a form field: only transitions change it."""

    @declared_attr
    def state(cls) -> Mapped[str]:  # noqa: N805
        return mapped_column(String(40), nullable=False, default="", index=True)


class WorkflowEvent(Model):
    """流转记录: one fired transition on one ledger row; append-only like the change history."""

    __tablename__ = "workflow_event"
    __table_args__ = (Index("ix_workflow_event_row", "ledger", "row_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ledger: Mapped[str] = mapped_column(String(40), nullable=False)
    row_id: Mapped[int] = mapped_column(Integer, nullable=False)
    transition: Mapped[str] = mapped_column(String(40), nullable=False)
    from_state: Mapped[str | None] = mapped_column(String(40), nullable=True)
    to_state: Mapped[str] = mapped_column(String(40), nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    on_date: Mapped[date] = mapped_column(Date, nullable=False)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    username: Mapped[str] = mapped_column(String(100), nullable=False)
    user_org_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)


class Deadline(Model):
    """时限: a step that must happen on a ledger row by a date, counted from a named event. Open until the
    step is done (met) or the record leaves the states where it was due (closed)."""

    __tablename__ = "workflow_deadline"
    __table_args__ = (
        Index("ix_workflow_deadline_row", "ledger", "row_id"),
        Index("ix_workflow_deadline_open", "status", "due_on"),
        # 我的待办 (open deadlines of a ledger's steps) and 超期督办 (open and past due, per ledger)
        Index("ix_workflow_deadline_ledger_open", "ledger", "status", "step", "due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ledger: Mapped[str] = mapped_column(String(40), nullable=False)
    row_id: Mapped[int] = mapped_column(Integer, nullable=False)
    step: Mapped[str] = mapped_column(String(40), nullable=False)
    limit: Mapped[str] = mapped_column(String(40), nullable=False)
    started_on: Mapped[date] = mapped_column(Date, nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    calendar_confirmed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    status: Mapped[str] = mapped_column(String(8), nullable=False, default="open")
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    def overdue(self, today: date) -> bool:
        if self.status == "met":
            return self.done_on is not None and self.done_on > self.due_on
        return self.status == "open" and today > self.due_on
