"""求职登记: persons born on a given day in a 顺义 unit, and their registrations."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.job_seeker import JobSeeker
from models.person import Person
from tests.conftest import first_community
from tests.factories.person import id_for

SEQUENCE = count(1)


def clerk(username: str = "renhe_jingban") -> Any:
    return current_app.appbuilder.sm.find_user(username=username)


def shunyi_region(birth: date) -> str:
    """A region code valid in the birth year (GB/T 2260): 顺义县 1982–1998, 顺义区 from 1998, else 东城区."""
    if 1982 <= birth.year < 1998:
        return "110222"
    return "110113" if birth.year >= 1998 else "110101"


def seq_digits(female: bool) -> int:
    """Sequence digits of a new number: odd for a man, even for a woman."""
    return 100 + 2 * (next(SEQUENCE) % 400) + (0 if female else 1)


def person_born(birth: date, town: str = "仁和镇", phone: str | None = None, **values: Any) -> Person:
    unit = first_community(town)
    with acting_as(clerk("qu_jingban")):
        person = ledger.create(
            Person,
            {
                "org_id": unit.id,
                "id_number": id_for(birth, seq_digits(values.get("gender") == "2"), shunyi_region(birth)),
                "name": f"求职{next(SEQUENCE)}",
                "hukou_type": "1",
                "employment_status": "22",
                "phone": phone,
                **values,
            },
        )
        db.session.commit()
    return person


def register(person: Person, registered_on: date, user: str = "renhe_jingban", **values: Any) -> JobSeeker:
    with acting_as(clerk(user)):
        row = ledger.create(
            JobSeeker,
            {
                "org_id": person.org_id,
                "person_id": person.id,
                "registered_on": registered_on,
                "intended_occupation": "电工",
                "intended_category": "3",
                "seeker_class": "1",
                **values,
            },
        )
        db.session.commit()
    return row
