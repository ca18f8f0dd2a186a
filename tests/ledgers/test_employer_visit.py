"""用人单位走访: the generic ledger tests (a visit refers to an employer)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.factories.employer import make_employer
from tests.ledgers.case import LedgerCase


class TestEmployerVisit(LedgerCase):
    ledger = "employer_visit"
    code_selects = False  # no field of this ledger is a code list
    change = {"visitors": "王五、赵六"}
    invalid_values = [
        ({"planned_on": "2026-10-11"}, "planned_on"),  # appointed 10-09: less than 3 days ahead
        ({"appointed_on": ""}, "appointed_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        employer = make_employer(org_id)
        appointed = date(2026, 10, 9) + timedelta(days=n)
        return {
            "org_id": org_id,
            "employer_id": employer.id,
            "employer": employer.id,
            "appointed_on": appointed.isoformat(),
            "planned_on": (appointed + timedelta(days=5)).isoformat(),
            "visitors": "张三、李四",
        }
