"""小额担保贷款: loan rows, loans made by the district clerk, applications through the API, the
materials of a checklist."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.loan import Loan
from seed.checklists import CHECKLISTS
from tests.conftest import first_community
from tests.factories.person import make_person


def loan_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    person = make_person(org_id)
    return {
        "org_id": org_id,
        "person_id": person.id,
        "person": person.id,
        "loan_type": "1",
        "enterprise_name": f"顺义创业小企业{person.id}",
        "business": "00",
        "industry": "F",
        "applied_on": date(2026, 9, 20 - n).isoformat(),
        "amount": 200000,
        "own_funds": 60000,
        **changes,
    }


def make_loan(org_id: int, **changes: Any) -> Loan:
    """A loan in unit org_id written by the district clerk (any type, any stage given by `changes`)."""
    with acting_as(current_app.appbuilder.sm.find_user(username="qu_jingban")):
        values = loan_values(org_id, **changes)
        values.pop("person")
        loan = ledger.create(Loan, values)
        db.session.commit()
    return loan


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


def loan(pk: int) -> Loan:
    db.session.expire_all()
    return db.session.get(Loan, pk)
