"""协管员花名册: the generic ledger tests (the worker is a labour-force person), and R-42 on the roster."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.ledgers.case import LedgerCase
from tests.ledgers.test_hard_to_employ import make_person


def worker_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    person = make_person(org_id)
    return {
        "org_id": org_id,
        "person_id": person.id,
        "person": person.id,
        "contract_start": "2026-01-01",
        "contract_end": "2026-12-31",
        "start_date": date(2026, 1, 1 + n).isoformat(),
        "base_wage": "1500.00",
        "floating_wage": "200.00",
        **changes,
    }


class TestWelfarePostWorker(LedgerCase):
    ledger = "welfare_post_worker"
    change = {"remarks": "续签合同"}
    invalid_values = [
        ({"base_wage": "1000.00"}, "base_wage"),  # below the minimum wage parameter (1160)
        ({"floating_wage": "300.00"}, "floating_wage"),  # more than 15% of 1500
        ({"contract_end": "2025-12-31"}, "contract_end"),
        ({"start_date": ""}, "start_date"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return worker_values(org_id, n)
