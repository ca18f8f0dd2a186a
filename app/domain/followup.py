"""跟踪回访记录 (CATALOG §3.6 FU-01..FU-24): the follow-ups of a person. They are scheduled by the rules of
seed/followup_rules.py through the kernel's follow-up service (app/services/followups.py), which also
schedules the next one when a result is recorded."""

from __future__ import annotations

from app import ledger
from models.followup import FollowUp

FOLLOW_UP = ledger.register(ledger.Ledger(FollowUp, chapter="services"))
