"""就业困难人员服务台帐 (SM-10; WF-72, WF-91..94; R-65..R-67): a hard-to-employ person's case through
recognition, the assistance plan, placement and the follow-ups of its stability."""

from __future__ import annotations

from app import ledger
from models.assistance import HardToEmployCase
from seed.workflows.assistance import HARD_TO_EMPLOY as WORKFLOW

HARD_TO_EMPLOY = ledger.register(
    ledger.Ledger(HardToEmployCase, chapter="assistance", workflow=WORKFLOW, policy_basis=("hard_to_employ",))
)
