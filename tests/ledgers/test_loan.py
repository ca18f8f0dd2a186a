"""小额担保贷款台账: the generic ledger tests (the loan refers to its borrower in the labour-force registry)."""

from __future__ import annotations

from typing import Any

from tests.factories.loan import loan_values
from tests.ledgers.case import LedgerCase


class TestLoan(LedgerCase):
    ledger = "loan"
    change = {"purpose": "购置设备"}
    invalid_values = [
        ({"loan_type": "9"}, "loan_type"),
        ({"business": "01"}, "business"),  # 房地产
        ({"own_funds": "50000"}, "own_funds"),  # below 30% (R-19)
        ({"amount": "600000"}, "amount"),  # above the 50万 ceiling
        ({"applied_on": "2099-01-01"}, "applied_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return loan_values(org_id, n)
