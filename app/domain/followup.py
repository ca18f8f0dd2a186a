"""跟踪回访记录 (CATALOG §3.6 FU-01..FU-24): the follow-ups of a person. They are scheduled by the rules of
seed/followup_rules.py through the kernel's follow-up service (app/services/followups.py), which also
schedules the next one when a result is recorded."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app import ledger
from models.followup import FollowUp

# 超期督办: a follow-up not done by its due date
DUE = ledger.DueDate("due_on", "done_on", _l("Follow-up due"))
FOLLOW_UP = ledger.register(ledger.Ledger(FollowUp, chapter="services", due_dates=(DUE,)))
