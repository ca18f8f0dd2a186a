"""北京市职业指导培训手工台账: the generic ledger tests and R-37 (≥ 2 hours, filled in by the person)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.ledgers.case import LedgerCase
from tests.ledgers.test_hard_to_employ import make_person


def session_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    person = make_person(org_id)
    return {
        "org_id": org_id,
        "person_id": person.id,
        "person": person.id,
        "held_on": date(2026, 8, 3 + n).isoformat(),
        "minutes": 120,
        "topic": "求职技巧",
        "phone": "13800000000",
        "self_filled": True,
        **changes,
    }


class TestGuidanceTraining(LedgerCase):
    ledger = "guidance_training"
    change = {"minutes": 150}
    invalid_values = [
        ({"minutes": 119}, "minutes"),
        ({"self_filled": ""}, "self_filled"),
        ({"held_on": "2099-01-01"}, "held_on"),
        ({"phone": ""}, "phone"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return session_values(org_id, n)
