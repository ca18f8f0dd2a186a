"""参会单位: the generic ledger tests (a participation refers to a fair and an employer)."""

from __future__ import annotations

from typing import Any

from tests.factories.employer import make_employer
from tests.factories.job_fair import make_fair
from tests.ledgers.case import LedgerCase


class TestJobFairParticipation(LedgerCase):
    ledger = "job_fair_participation"
    change = {"booth": "B-12", "hiring_result": "1", "hired": 3}
    invalid_values = [
        ({"hired": "-1"}, "hired"),
        ({"hiring_result": "9"}, "hiring_result"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        fair, employer = make_fair(org_id), make_employer(org_id)
        return {
            "org_id": org_id,
            "fair_id": fair.id,
            "fair": fair.id,
            "employer_id": employer.id,
            "employer": employer.id,
            "booth": f"A-{n + 1}",
        }
