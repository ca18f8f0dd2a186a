"""政策参数 written for a test (and removed after it), and firing a step of the policy ledgers through the
API (a record the client cannot read is fired at version 1: the step's own answer is what the test reads)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import delete

from app import db
from app.security.scope import acting_as
from models.policy import PolicyParameter

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


def fire(client: Any, ledger_name: str, pk: int, step: str, **inputs: Any) -> Any:
    state = client.get(f"/api/v1/workflow/{ledger_name}/{pk}").json
    version = state["result"]["version"] if state and "result" in state else 1
    return client.post(f"/api/v1/workflow/{ledger_name}/{pk}/{step}", json={**inputs, "version": version})
