"""职业指导培训补贴季度申报: the generic ledger tests."""

from __future__ import annotations

from typing import Any

from tests.ledgers.case import LedgerCase


class TestGuidanceClaim(LedgerCase):
    ledger = "guidance_claim"
    code_selects = False  # no field of this ledger is a code list
    change = {"remarks": "材料齐全"}
    invalid_values = [
        ({"quarter": "2026Q5"}, "quarter"),
        ({"quarter": ""}, "quarter"),
        ({"submitted_on": "2099-01-01"}, "submitted_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return {"org_id": org_id, "quarter": f"{2025 - n}Q3", "submitted_on": "2026-10-03"}
