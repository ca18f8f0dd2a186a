"""区级优惠政策申请台账: the generic ledger tests."""

from __future__ import annotations

from typing import Any

from tests.factories.district_subsidy import subsidy_values
from tests.ledgers.case import LedgerCase


class TestDistrictSubsidy(LedgerCase):
    ledger = "district_subsidy"
    change = {"remarks": "补充材料已收"}
    invalid_values = [
        ({"subsidy_type": "X9"}, "subsidy_type"),
        ({"id_number": "110101"}, "id_number"),
        ({"applied_on": "2099-01-01"}, "applied_on"),
        ({"applicant_name": ""}, "applicant_name"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return subsidy_values(org_id, n)
