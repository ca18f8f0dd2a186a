"""洽谈会: the generic ledger tests (a fair of the district's employment service)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.ledgers.case import LedgerCase


def fair_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    accepted = date(2026, 10, 12) + timedelta(days=n)
    return {
        "org_id": org_id,
        "title": f"顺义区第{n + 1}期招聘洽谈会",
        "fair_type": "1",
        "held_on": (accepted + timedelta(days=10)).isoformat(),
        "starts_at": "09:00",
        "venue": "顺义区人力资源市场",
        "accepted_on": accepted.isoformat(),
        **changes,
    }


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
