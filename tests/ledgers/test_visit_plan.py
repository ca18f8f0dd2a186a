"""走访实施方案: the generic ledger tests."""

from __future__ import annotations

from typing import Any

from tests.ledgers.case import LedgerCase


class TestVisitPlan(LedgerCase):
    ledger = "visit_plan"
    code_selects = False  # no field of this ledger is a code list
    change = {"lead": "王牵头"}
    invalid_values = [({"quarter": "5"}, "quarter"), ({"title": ""}, "title"), ({"year": "abc"}, "year")]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return {
            "org_id": org_id,
            "title": f"第四季度重点企业岗位开发方案{n}",
            "year": 2026,
            "quarter": 4,
            "lead": "李科长",
            "scope": "仁和镇重点企业、新改扩建项目",
        }
