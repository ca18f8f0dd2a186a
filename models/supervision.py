"""督办通知 — the inspector's notice urging a unit about its overdue items (超期督办; CATALOG WF-N1, 区级 第一章
第二节（一）: a unit found wanting is told “令其3个工作日内形成文字性情况说明，并上报区职业介绍服务中心”). The
notice belongs to the unit urged (org), so it lands in that unit's 我的待办 and no other unit's territory
sees it; the unit answers with its written explanation (情况说明) and the notice is closed. The workflow is
seed/workflows/supervision.py, the sender check and the answer's record app/domain/supervision.py.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped

from models.base import LedgerMixin, Model, field
from models.workflow import WorkflowStateMixin


class SupervisionNotice(WorkflowStateMixin, LedgerMixin, Model):
    """督办通知: one urging of one unit about its overdue items, and the unit's written answer (情况说明)."""

    __tablename__ = "supervision_notice"
    __ledger__ = "supervision_notice"
    __ledger_label__ = _l("Supervision notices")

    subject: Mapped[str] = field(String(200), _l("Matter urged"), required=True)
    content: Mapped[str] = field(Text, _l("Notice text"), required=True)
    overdue_count: Mapped[int | None] = field(
        Integer, _l("Overdue items when sent"), export="number", description=_l("As the overdue board showed")
    )
    sent_on: Mapped[date | None] = field(Date, _l("Sent on"), export="date", readonly=True, index=True)
    sender_name: Mapped[str | None] = field(String(100), _l("Sent by"), readonly=True)
    reply: Mapped[str | None] = field(Text, _l("Written explanation"), readonly=True)
    answered_on: Mapped[date | None] = field(Date, _l("Answered on"), export="date", readonly=True)
    answerer_name: Mapped[str | None] = field(String(100), _l("Answered by"), readonly=True)

    def ledger_title(self) -> str:
        return self.subject
