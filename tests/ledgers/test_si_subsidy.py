"""自谋、灵活就业社会保险补贴台账: the generic ledger tests (the applicant is a person of the labour-force
registry)."""

from __future__ import annotations

from typing import Any

from tests.factories.si_subsidy import si_values
from tests.ledgers.case import LedgerCase


class TestSiSubsidy(LedgerCase):
    ledger = "si_subsidy"
    change = {"remarks": "补充经营场所照片"}
    invalid_values = [
        ({"kind": "9"}, "kind"),
        ({"business_name": ""}, "business_name"),  # 自谋职业 names the business
        ({"months": "0"}, "months"),
        ({"applied_on": "2099-01-01"}, "applied_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return si_values(org_id, n)
