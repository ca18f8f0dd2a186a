"""洽谈会: the values of a fair and fairs made by the district clerk."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.job_fair import JobFair


def fair_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    accepted = date(2026, 10, 12) + timedelta(days=n)
    return {
        "org_id": org_id,
        "title": f"顺义区第{n + 1}期招聘洽谈会",
        "fair_type": "1",
        "held_on": (accepted + timedelta(days=10)).isoformat(),
        "starts_at": "09:00",
        "venue": "顺义区人力资源市场",
        "accepted_on": accepted.isoformat(),
        **changes,
    }


def make_fair(org_id: int, **changes: Any) -> JobFair:
    with acting_as(current_app.appbuilder.sm.find_user(username="qu_jingban")):
        fair = ledger.create(JobFair, fair_values(org_id, **changes))
        db.session.commit()
    return fair
