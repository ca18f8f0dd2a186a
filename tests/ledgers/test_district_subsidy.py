"""区级优惠政策申请台账: the generic ledger tests."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from tests.ledgers.case import LedgerCase
from tests.ledgers.test_person import id_for

SEQUENCE = count(1)


def subsidy_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    seq = next(SEQUENCE)
    return {
        "org_id": org_id,
        "subsidy_type": "D1",
        "applicant_kind": "2",
        "applicant_name": f"张小{seq}",
        "id_number": id_for(date(1985, 3, 4), 2 * seq + 1),
        "quantity": 1,
        "applied_on": date(2026, 9, 20 - n).isoformat(),
        **changes,
    }


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
