"""短信群发 R-73 (issue 14 item 8): after sending, the results are the gateway's, not a clerk's; the one second
attempt goes only to the batch's failed numbers inside the territory, once."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update

from app import db
from models.sms import SmsBatch
from tests.conftest import org
from tests.ledgers import test_sms_batch as sms_case
from tests.ledgers.test_sms_batch import FlakyGateway, fire, new_batch

phones, today = (
    sms_case.phones,
    sms_case.today,
)  # the SMS ledger tests' fixtures: persons with phones, the day

OUTSIDE = "13700000007"  # a number of no person in the territory (another town's, say)


def sent_batch(app: Flask, login: Any) -> SmsBatch:
    gateway = FlakyGateway()
    app.extensions["sms_adapter"] = gateway
    batch = new_batch(org("仁和镇").id)
    assert fire(login("qu_shenhe"), batch, "approve").status_code == 200
    assert fire(login("renhe_jingban"), batch, "send").status_code == 200
    db.session.expire_all()
    return db.session.get(SmsBatch, batch.id)


@pytest.mark.usefixtures("phones")
def test_results__not_editable_after_sending(app: Flask, login: Any) -> None:
    batch = sent_batch(app, login)
    client = login("renhe_jingban")
    for name, value in [
        ("failed_numbers", OUTSIDE),
        ("retry_count", 0),
        ("failed_count", 9),
        ("sent_count", 0),
        ("recipient_count", 1),
    ]:
        response = client.put(f"/api/v1/sms_batch/{batch.id}", json={name: value, "version": batch.version})
        assert response.status_code == 422, (name, response.status_code)
    form = client.get(f"/ledger/sms_batch/edit/{batch.id}").data.decode()
    assert 'name="failed_numbers"' not in form and 'name="retry_count"' not in form
    db.session.expire_all()
    assert db.session.get(SmsBatch, batch.id).failed_numbers == "13900000009"


@pytest.mark.usefixtures("phones")
def test_second_attempt__only_failed_numbers_inside_the_territory_once(app: Flask, login: Any) -> None:
    batch = sent_batch(app, login)
    gateway = app.extensions["sms_adapter"]
    db.session.execute(  # a number slipped into the failed list by any means
        update(SmsBatch).where(SmsBatch.id == batch.id).values(failed_numbers=f"13900000009\n{OUTSIDE}")
    )
    db.session.commit()
    client = login("renhe_jingban")
    assert fire(client, batch, "resend").status_code == 200
    assert gateway.calls[-1] == ["13900000009"]
    refused = fire(client, batch, "resend")
    assert refused.status_code == 403 and len(gateway.calls) == 2
    db.session.expire_all()
    assert db.session.get(SmsBatch, batch.id).retry_count == 1


@pytest.mark.usefixtures("phones")
def test_number_file__refused_without_the_pii_permission(app: Flask, login: Any) -> None:
    batch = new_batch(org("仁和镇").id)
    assert login("ducha").get(f"/ledger/sms_batch/numbers/{batch.id}").status_code == 403
    assert login("renhe_jingban").get(f"/ledger/sms_batch/numbers/{batch.id}").status_code == 200
