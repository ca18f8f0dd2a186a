"""北京市职业指导培训手工台账: the generic ledger tests and R-37 (≥ 2 hours, filled in by the person)."""

from __future__ import annotations

from typing import Any

from tests.factories.guidance import session_values
from tests.ledgers.case import LedgerCase


class TestGuidanceTraining(LedgerCase):
    ledger = "guidance_training"
    code_selects = False  # no field of this ledger is a code list
    change = {"minutes": 150}
    invalid_values = [
        ({"minutes": 119}, "minutes"),
        ({"self_filled": ""}, "self_filled"),
        ({"held_on": "2099-01-01"}, "held_on"),
        ({"phone": ""}, "phone"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return session_values(org_id, n)
