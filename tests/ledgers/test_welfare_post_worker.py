"""协管员花名册: the generic ledger tests (the worker is a labour-force person), and R-42 on the roster."""

from __future__ import annotations

from typing import Any

from tests.factories.welfare import worker_values
from tests.ledgers.case import LedgerCase


class TestWelfarePostWorker(LedgerCase):
    ledger = "welfare_post_worker"
    code_selects = False  # no field of this ledger is a code list
    change = {"remarks": "续签合同"}
    invalid_values = [
        ({"base_wage": "1000.00"}, "base_wage"),  # below the minimum wage parameter (1160)
        ({"floating_wage": "300.00"}, "floating_wage"),  # more than 15% of 1500
        ({"contract_end": "2025-12-31"}, "contract_end"),
        ({"start_date": ""}, "start_date"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return worker_values(org_id, n)
