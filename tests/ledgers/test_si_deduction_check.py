"""社会保险补贴扣款核实记录: the generic ledger tests (each check belongs to a subsidy being received)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories.si_subsidy import make_si_subsidy
from tests.ledgers.case import LedgerCase


class TestSiDeductionCheck(LedgerCase):
    ledger = "si_deduction_check"
    code_selects = False  # no field of this ledger is a code list
    change = {"note": "已电话提醒补存"}
    invalid_values = [
        ({"month": "2026-05-01"}, "month"),  # before the subsidy started
        ({"deducted_amount": "-1"}, "deducted_amount"),
        ({"deducted_amount": ""}, "deducted_amount"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        subsidy = make_si_subsidy(org_id, started_on="2026-06-01", monthly_deduction="612.50")
        return {
            "org_id": org_id,
            "subsidy_id": subsidy.id,
            "subsidy": subsidy.id,
            "month": date(2026, 9 - n, 1).isoformat(),
            "expected_amount": "612.50",
            "deducted_amount": "612.50",
        }
