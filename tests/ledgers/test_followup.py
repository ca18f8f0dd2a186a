"""跟踪回访记录: the generic ledger tests (a follow-up of a person of the same community)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.person import Person
from tests.ledgers.case import LedgerCase
from tests.ledgers.test_person import id_for


def person_in(org_id: int, n: int) -> int:
    """A labour-force person of unit org_id (made by the district clerk), reused when it exists."""
    number = id_for(date(1985, 1, 1) + timedelta(days=org_id % 3000), 201 + 2 * n)
    person = db.session.query(Person).filter_by(id_number=number).one_or_none()
    if person is None:
        with acting_as(current_app.appbuilder.sm.find_user(username="qu_jingban")):
            person = ledger.create(
                Person,
                {
                    "org_id": org_id,
                    "id_number": number,
                    "name": f"回访对象{n}",
                    "hukou_type": "1",
                    "employment_status": "11",
                },
            )
            db.session.commit()
    return person.id


class TestFollowUp(LedgerCase):
    ledger = "followup"
    change = {"method": "2"}
    invalid_values = [
        ({"due_on": ""}, "due_on"),
        ({"rule": "FU-99"}, "rule"),
        ({"done_on": "2026-11-01", "result": ""}, "result"),
        ({"done_on": "2026-11-01", "result": "已回访", "next_due_on": "2026-10-01"}, "next_due_on"),
        ({"person_id": "999999"}, "person_id"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return {
            "org_id": org_id,
            "person_id": person_in(org_id, n),
            "rule": "FU-08",
            "due_on": "2026-11-20",
            "method": "1",
        }
