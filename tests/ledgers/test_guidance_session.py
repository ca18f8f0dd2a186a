"""职业指导台账: the generic ledger tests, plus the session's registration belonging to the same person."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from models.job_seeker import GuidanceSession
from tests.factories.job_seeker import clerk, person_born, register
from tests.factories.person import make_person
from tests.ledgers.case import LedgerCase


class TestGuidanceSession(LedgerCase):
    ledger = "guidance_session"
    change = {"advice": "参加电工培训后再推荐"}
    invalid_values = [
        ({"mode": "99"}, "mode"),
        ({"held_on": "2099-01-01"}, "held_on"),
        ({"counsellor_name": ""}, "counsellor_name"),
        ({"duration_minutes": "0"}, "duration_minutes"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        person = make_person(org_id)
        return {
            "org_id": org_id,
            "person_id": person.id,
            "person": person.id,
            "name": person.name,
            "held_on": date(2026, 9, 20 - n).isoformat(),
            "mode": "01",
            "duration_minutes": 120,
            "counsellor_name": "李指导",
            "plan": "分析求职优劣势，应聘指导",
        }


def test_registration_of_another_person_refused(app: Flask) -> None:
    mine, other = person_born(date(1990, 1, 1)), person_born(date(1991, 1, 1))
    registration = register(other, date(2026, 10, 1))
    values = {
        "org_id": mine.org_id,
        "person_id": mine.id,
        "held_on": date(2026, 10, 2),
        "mode": "12",
        "counsellor_name": "李指导",
    }
    with acting_as(clerk()), pytest.raises(ledger.LedgerError) as refused:
        ledger.create(GuidanceSession, {**values, "job_seeker_id": registration.id})
    db.session.rollback()
    assert "job_seeker_id" in refused.value.errors
    own = register(mine, date(2026, 10, 1))
    with acting_as(clerk()):
        session = ledger.create(
            GuidanceSession, {**values, "job_seeker_id": own.id, "referred_to": "个体职业指导室"}
        )
        db.session.commit()
    assert (session.job_seeker_id, session.referred_to) == (own.id, "5")
