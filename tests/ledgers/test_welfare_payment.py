"""公益性岗位月度待遇: the generic ledger tests (each pay row refers to a 协管员 of the roster)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories.welfare import make_worker
from tests.ledgers.case import LedgerCase


class TestWelfarePayment(LedgerCase):
    ledger = "welfare_payment"
    code_selects = False  # no field of this ledger is a code list
    change = {"remarks": "已核对"}
    invalid_values = [
        ({"pay_month": "2025-06-01"}, "pay_month"),  # before the worker was on post
        ({"pay_month": ""}, "pay_month"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        worker = make_worker(org_id)
        return {
            "org_id": org_id,
            "worker_id": worker.id,
            "worker": worker.id,
            "pay_month": date(2026, 9 - n, 1).isoformat(),
        }
