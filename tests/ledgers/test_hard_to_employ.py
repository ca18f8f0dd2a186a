"""就业困难人员服务台帐: the generic ledger tests (the case refers to a labour-force person)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories.person import make_person
from tests.ledgers.case import LedgerCase


class TestHardToEmploy(LedgerCase):
    ledger = "hard_to_employ"
    change = {"category": "H02"}
    invalid_values = [
        ({"category": "X99"}, "category"),
        ({"reported_on": ""}, "reported_on"),
        ({"reported_on": "2099-01-01"}, "reported_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        person = make_person(org_id)
        return {
            "org_id": org_id,
            "person_id": person.id,
            "person": person.id,
            "name": person.name,
            "category": "H01",
            "reported_on": date(2026, 9, 28 - n).isoformat(),
        }
