"""自谋、灵活就业社会保险补贴: application rows and applications written by a clerk."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.si_subsidy import SiSubsidy
from tests.factories.person import make_person


def si_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    person = make_person(org_id)
    return {
        "org_id": org_id,
        "person_id": person.id,
        "person": person.id,
        "kind": "1",
        "business_name": f"便民早餐店{person.id}",
        "licence_number": f"110113600{person.id:06d}",
        "business_address": "仁和镇某街1号",
        "applied_on": date(2026, 9, 20 - n).isoformat(),
        "months": 12,
        **changes,
    }


def make_si_subsidy(org_id: int, username: str = "qu_jingban", **changes: Any) -> SiSubsidy:
    """An application in unit org_id written by `username` (any stage given by `changes`)."""
    with acting_as(current_app.appbuilder.sm.find_user(username=username)):
        values = si_values(org_id, **changes)
        values.pop("person")
        case = ledger.create(SiSubsidy, values)
        db.session.commit()
    return case
