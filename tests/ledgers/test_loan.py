"""小额担保贷款台账: the generic ledger tests (the loan refers to its borrower in the labour-force registry)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.loan import Loan
from tests.ledgers.case import LedgerCase
from tests.ledgers.test_hard_to_employ import make_person


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


class TestLoan(LedgerCase):
    ledger = "loan"
    change = {"purpose": "购置设备"}
    invalid_values = [
        ({"loan_type": "9"}, "loan_type"),
        ({"business": "01"}, "business"),  # 房地产
        ({"own_funds": "50000"}, "own_funds"),  # below 30% (R-19)
        ({"amount": "600000"}, "amount"),  # above the 50万 ceiling
        ({"applied_on": "2099-01-01"}, "applied_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return loan_values(org_id, n)
