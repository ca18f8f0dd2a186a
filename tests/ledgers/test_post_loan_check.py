"""贷后检查登记: the generic ledger tests (each check belongs to a disbursed loan of the same unit)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories.loan import make_loan
from tests.ledgers.case import LedgerCase


class TestPostLoanCheck(LedgerCase):
    ledger = "post_loan_check"
    change = {"findings": "经营正常，资金按用途使用"}
    invalid_values = [
        ({"method": "9"}, "method"),
        ({"checked_on": "2026-08-01"}, "checked_on"),  # before the funds arrived
        ({"checked_on": ""}, "checked_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        loan = make_loan(org_id, disbursed_on="2026-09-22")
        return {
            "org_id": org_id,
            "loan_id": loan.id,
            "loan": loan.id,
            "checked_on": date(2026, 9, 28 - n).isoformat(),
            "method": "3",
            "on_site": "y",
            "funds_use": "y",
            "operations": "y",
        }
