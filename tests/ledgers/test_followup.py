"""跟踪回访记录: the generic ledger tests (a follow-up of a person of the same community)."""

from __future__ import annotations

from typing import Any

from tests.factories.person import person_in
from tests.ledgers.case import LedgerCase


class TestFollowUp(LedgerCase):
    ledger = "followup"
    change = {"method": "2"}
    invalid_values = [
        ({"due_on": ""}, "due_on"),
        ({"rule": "FU-99"}, "rule"),
        ({"done_on": "2026-11-01", "result": ""}, "result"),
        ({"done_on": "2026-11-01", "result": "已回访", "next_due_on": "2026-10-01"}, "next_due_on"),
        ({"person": "999999", "person_id": "999999"}, "person"),  # the form's person picker
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        person = person_in(org_id, n)
        return {
            "org_id": org_id,
            "person_id": person,
            "person": person,
            "rule": "FU-08",
            "due_on": "2026-11-20",
            "method": "1",
        }
