"""洽谈会: the generic ledger tests (a fair of the district's employment service)."""

from __future__ import annotations

from typing import Any

from tests.factories.job_fair import fair_values
from tests.ledgers.case import LedgerCase


class TestJobFair(LedgerCase):
    ledger = "job_fair"
    change = {"venue": "顺义区职业介绍中心二楼"}
    invalid_values = [
        ({"held_on": "2026-10-01"}, "held_on"),  # before the intake of 10-12
        ({"starts_at": "25:00"}, "starts_at"),
        ({"fair_type": "9"}, "fair_type"),
        ({"venue": ""}, "venue"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return fair_values(org_id, n)
