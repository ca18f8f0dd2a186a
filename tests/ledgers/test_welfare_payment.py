"""公益性岗位月度待遇: the generic ledger tests (each pay row refers to a 协管员 of the roster)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.welfare import WelfarePostWorker
from tests.ledgers.case import LedgerCase
from tests.ledgers.test_welfare_post_worker import worker_values


def make_worker(org_id: int, **changes: Any) -> WelfarePostWorker:
    with acting_as(current_app.appbuilder.sm.find_user(username="qu_jingban")):
        worker = ledger.create(WelfarePostWorker, worker_values(org_id, **changes))
        db.session.commit()
    return worker


class TestWelfarePayment(LedgerCase):
    ledger = "welfare_payment"
    change = {"remarks": "已核对"}
    invalid_values = [
        ({"pay_month": "2025-06-01"}, "pay_month"),  # before the worker was on post
        ({"pay_month": ""}, "pay_month"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        worker = make_worker(org_id)
        return {
            "org_id": org_id,
            "worker_id": worker.id,
            "worker": worker.id,
            "pay_month": date(2026, 9 - n, 1).isoformat(),
        }
