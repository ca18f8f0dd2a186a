"""公示台账: the generic ledger tests (a notice on its own; batches are tested in tests/flows/district_subsidy/)."""

from __future__ import annotations

from typing import Any

from tests.ledgers.case import LedgerCase


class TestPublicNotice(LedgerCase):
    ledger = "public_notice"
    code_selects = False  # no field of this ledger is a code list
    change = {"title": "区级优惠政策审核结果公示（更正）"}
    invalid_values = [({"title": ""}, "title")]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return {"org_id": org_id, "title": f"区级优惠政策审核结果公示{n}", "body": "现予公示"}
