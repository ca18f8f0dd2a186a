"""Shared steps of the policy tests: parameters, cases, firing steps through the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import Flask
from sqlalchemy import delete

from app import db, ledger
from app.security.scope import acting_as
from models.district_subsidy import DistrictSubsidy
from models.policy import PolicyParameter
from tests.conftest import first_community
from tests.ledgers.test_district_subsidy import subsidy_values

TEST_SOURCE = "测试数据"


def add_parameter(app: Flask, key: str, value: str, effective_from: date, kind: str = "money") -> None:
    with acting_as(app.appbuilder.sm.find_user(username="admin")):
        db.session.add(
            PolicyParameter(
                key=key, label=key, kind=kind, value=value, effective_from=effective_from, source=TEST_SOURCE
            )
        )
        db.session.commit()


def remove_test_parameters() -> None:
    db.session.rollback()
    db.session.execute(delete(PolicyParameter).where(PolicyParameter.source == TEST_SOURCE))
    db.session.commit()


def apply(app: Flask, town: str = "仁和镇", **changes: Any) -> DistrictSubsidy:
    clerk = "renhe_jingban" if town == "仁和镇" else "houshayu_jingban"
    with acting_as(app.appbuilder.sm.find_user(username=clerk)):
        case = ledger.create(DistrictSubsidy, subsidy_values(first_community(town).id, **changes))
        db.session.commit()
    return case


def fire(client: Any, ledger_name: str, pk: int, step: str, **inputs: Any) -> Any:
    state = client.get(f"/api/v1/workflow/{ledger_name}/{pk}").json
    version = state["result"]["version"] if state and "result" in state else 1
    return client.post(f"/api/v1/workflow/{ledger_name}/{pk}/{step}", json={**inputs, "version": version})


def state_of(pk: int) -> str:
    db.session.expire_all()
    return db.session.get(DistrictSubsidy, pk).state


def amount_of(pk: int) -> Decimal:
    db.session.expire_all()
    return db.session.get(DistrictSubsidy, pk).amount


ALL_MATERIALS = {f"received_{n}": "1" for n in range(1, 6)}
