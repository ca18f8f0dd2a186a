"""就业困难人员援助 (SM-10): the day a community reports a person, a reported case, and its steps fired
through the workflow API."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from models.assistance import HardToEmployCase
from tests.conftest import first_community
from tests.factories.person import make_person

T0 = date(2026, 9, 28)  # the community reports the person (a Monday before National Day)


def report_case(app: Flask, town: str = "仁和镇", clerk: str = "renhe_shequ") -> HardToEmployCase:
    unit = first_community(town)
    person = make_person(unit.id)
    with acting_as(app.appbuilder.sm.find_user(username=clerk)):
        case = ledger.create(
            HardToEmployCase,
            {"org_id": unit.id, "person_id": person.id, "category": "H01", "reported_on": T0},
        )
        db.session.commit()
    return case


def fire(client: Any, case_id: int, step: str, **inputs: Any) -> Any:
    state = client.get(f"/api/v1/workflow/hard_to_employ/{case_id}").json["result"]
    return client.post(
        f"/api/v1/workflow/hard_to_employ/{case_id}/{step}", json={**inputs, "version": state["version"]}
    )
