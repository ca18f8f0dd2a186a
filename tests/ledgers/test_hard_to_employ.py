"""就业困难人员服务台帐: the generic ledger tests (the case refers to a labour-force person)."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.person import Person
from tests.ledgers.case import LedgerCase
from tests.ledgers.test_person import id_for

SEQUENCE = count(1)


def make_person(org_id: int) -> Person:
    """A labour-force person in unit org_id, registered by the district clerk."""
    seq = next(SEQUENCE)
    district_clerk = current_app.appbuilder.sm.find_user(username="qu_jingban")
    with acting_as(district_clerk):
        person = ledger.create(
            Person,
            {
                "org_id": org_id,
                "id_number": id_for(date(1985, 1, 2), 2 * seq + 1),
                "name": f"困难{seq}",
                "hukou_type": "2",
                "employment_status": "21",
            },
        )
        db.session.commit()
    return person


class TestHardToEmploy(LedgerCase):
    ledger = "hard_to_employ"
    change = {"category": "H02"}
    invalid_values = [
        ({"category": "X99"}, "category"),
        ({"reported_on": ""}, "reported_on"),
        ({"reported_on": "2099-01-01"}, "reported_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        person = make_person(org_id)
        return {
            "org_id": org_id,
            "person_id": person.id,
            "person": person.id,
            "name": person.name,
            "category": "H01",
            "reported_on": date(2026, 9, 28 - n).isoformat(),
        }
