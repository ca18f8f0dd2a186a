"""Shared steps of the loan tests: applying through the API, materials, firing steps, reading deadlines."""

from __future__ import annotations

from typing import Any

from app import db
from models.loan import Loan
from seed.checklists import CHECKLISTS
from tests.conftest import first_community
from tests.ledgers.test_hard_to_employ import make_person


def apply(client: Any, town: str = "仁和镇", **changes: Any) -> Any:
    """POST a loan application for a new borrower of the town's first community; the response."""
    unit = first_community(town)
    person = make_person(unit.id)
    values = {
        "org_id": unit.id,
        "person_id": person.id,
        "loan_type": "1",
        "enterprise_name": "顺义创业小企业",
        "business": "00",
        "applied_on": "2026-10-26",
        "amount": 200000,
        "own_funds": 60000,
        **changes,
    }
    return client.post("/api/v1/loan/", json=values)


def all_materials(code: str) -> dict[str, str]:
    """Every item of checklist `code` received, copies sealed where R-22 asks."""
    form = {}
    for n, item in enumerate(CHECKLISTS[code].items, 1):
        form[f"received_{n}"] = "1"
        if item.copy_stamped:
            form[f"stamped_{n}"] = "1"
    return form


def fire(client: Any, ledger_name: str, pk: int, step: str, **inputs: Any) -> Any:
    version = client.get(f"/api/v1/workflow/{ledger_name}/{pk}").json["result"]["version"]
    return client.post(f"/api/v1/workflow/{ledger_name}/{pk}/{step}", json={**inputs, "version": version})


def loan(pk: int) -> Loan:
    db.session.expire_all()
    return db.session.get(Loan, pk)


def deadlines(client: Any, ledger_name: str, pk: int, status: str = "open") -> dict[str, str]:
    result = client.get(f"/api/v1/workflow/{ledger_name}/{pk}").json["result"]
    return {d["step"]: d["due_on"] for d in result["deadlines"] if d["status"] == status}


def refusal(response: Any) -> str:
    assert response.status_code == 403, response.json
    return str(response.json["message"]["_record"])


class Persona:
    """A user of the shared test client: logs in again whenever another persona used the client since."""

    def __init__(self, login: Any, username: str) -> None:
        self.personas, self.username = login.__self__, username
        self.client = login.__self__.client

    def __getattr__(self, name: str) -> Any:
        if getattr(self.personas, "current_username", None) != self.username:
            self.personas.login(self.username)
            self.personas.current_username = self.username
        return getattr(self.client, name)
