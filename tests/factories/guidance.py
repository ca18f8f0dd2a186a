"""职业指导培训: the values of a training session row."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories.person import make_person


def session_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    person = make_person(org_id)
    return {
        "org_id": org_id,
        "person_id": person.id,
        "person": person.id,
        "held_on": date(2026, 8, 3 + n).isoformat(),
        "minutes": 120,
        "topic": "求职技巧",
        "phone": "13800000000",
        "self_filled": True,
        **changes,
    }
