"""贷款贴息审核: the generic ledger tests (only a loan repaid on time or early, no bad record, R-28)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories.loan import make_loan
from tests.ledgers.case import LedgerCase


class TestInterestSubsidy(LedgerCase):
    ledger = "interest_subsidy"
    code_selects = False  # no field of this ledger is a code list
    change = {"remarks": "利息清单已核"}
    invalid_values = [
        ({"quarterly_interest": "第一季度 很多"}, "quarterly_interest"),
        ({"applied_on": "2099-01-01"}, "applied_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        loan = make_loan(org_id, applied_on="2025-12-01", disbursed_on="2026-01-05", repayment_status="2")
        return {
            "org_id": org_id,
            "loan_id": loan.id,
            "loan": loan.id,
            "applied_on": date(2026, 9, 20 - n).isoformat(),
            "quarterly_interest": "2026Q1 1200.50\n2026Q2 1180.00",
        }
