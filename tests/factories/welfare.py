"""公益性岗位: 协管员 roster rows and workers made by the district clerk."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.welfare import WelfarePostWorker
from tests.factories.person import make_person


def worker_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    person = make_person(org_id)
    return {
        "org_id": org_id,
        "person_id": person.id,
        "person": person.id,
        "contract_start": "2026-01-01",
        "contract_end": "2026-12-31",
        "start_date": date(2026, 1, 1 + n).isoformat(),
        "base_wage": "1500.00",
        "floating_wage": "200.00",
        **changes,
    }


def make_worker(org_id: int, **changes: Any) -> WelfarePostWorker:
    with acting_as(current_app.appbuilder.sm.find_user(username="qu_jingban")):
        worker = ledger.create(WelfarePostWorker, worker_values(org_id, **changes))
        db.session.commit()
    return worker
