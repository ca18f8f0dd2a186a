"""Labour-force persons: valid ID numbers, the values of a person row and persons made in a unit."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select
from stdnum.cn import ric

from app import db, ledger
from app.security.scope import acting_as
from models.org import OrgUnit
from models.person import Person
from tests.conftest import first_community
from tests.ledgers.case import HOME_TOWN

SEQUENCE = count(1)


def id_for(birth: date, seq: int, region: str = "110222") -> str:
    """A valid ID number; `seq` is the 3-digit sequence (its parity the gender), taken modulo 1000 so the
    session-wide counters of the helpers never run out of digits (rows are emptied after each test)."""
    body = f"{region}{birth:%Y%m%d}{seq % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def person_values(org_id: int, n: int = 0) -> dict[str, Any]:
    """The n-th valid person row of unit org_id (张三n, a man born 1985-01-01)."""
    return {
        "org_id": org_id,
        "id_number": id_for(date(1985, 1, 1), 101 + 2 * n),
        "name": f"张三{n}",
        "hukou_type": "2",
        "employment_status": "22",
        "education": "61",
        "phone": "13800138000",
    }


def make_person_row(app: Flask, town: str, n: int = 0) -> Person:
    """The n-th person of `person_values` in the first community of `town`, written by that town's clerk
    (what LedgerCase.make_row does for the labour-force registry)."""
    unit = first_community(town)
    clerk = "renhe_jingban" if town == HOME_TOWN else "houshayu_jingban"
    with acting_as(app.appbuilder.sm.find_user(username=clerk)):
        row = ledger.create(Person, person_values(unit.id, n))
        db.session.commit()
    return row


def keeping_unit(org_id: int) -> int:
    """The unit itself, or its first active unit below it."""
    below = select(OrgUnit.id).where(OrgUnit.parent_id == org_id, OrgUnit.active.is_(True))
    return db.session.execute(below.order_by(OrgUnit.path).limit(1)).scalar() or org_id


def make_person(org_id: int) -> Person:
    """A labour-force person kept under unit org_id (by its first community when it has communities: a town
    keeps no person of its own there), registered by the district clerk."""
    seq = next(SEQUENCE)
    org_id = keeping_unit(org_id)
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
