"""区级优惠政策申请: application rows, cases written by a town clerk, their state and amount, the materials."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count
from typing import Any

from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from models.district_subsidy import DistrictSubsidy
from tests.conftest import first_community
from tests.factories.person import id_for

SEQUENCE = count(1)
ALL_MATERIALS = {f"received_{n}": "1" for n in range(1, 6)}


def subsidy_values(org_id: int, n: int = 0, **changes: Any) -> dict[str, Any]:
    seq = next(SEQUENCE)
    return {
        "org_id": org_id,
        "subsidy_type": "D1",
        "applicant_kind": "2",
        "applicant_name": f"张小{seq}",
        "id_number": id_for(date(1985, 3, 4), 2 * seq + 1),
        "quantity": 1,
        "applied_on": date(2026, 9, 20 - n).isoformat(),
        **changes,
    }


def apply(app: Flask, town: str = "仁和镇", **changes: Any) -> DistrictSubsidy:
    clerk = "renhe_jingban" if town == "仁和镇" else "houshayu_jingban"
    with acting_as(app.appbuilder.sm.find_user(username=clerk)):
        case = ledger.create(DistrictSubsidy, subsidy_values(first_community(town).id, **changes))
        db.session.commit()
    return case


def state_of(pk: int) -> str:
    db.session.expire_all()
    return db.session.get(DistrictSubsidy, pk).state


def amount_of(pk: int) -> Decimal:
    db.session.expire_all()
    return db.session.get(DistrictSubsidy, pk).amount
