"""短信群发记录: the generic ledger tests, plus R-72 segments, recipient filters inside the territory, the
gateway's number file, approval before sending, the adapter and the one second attempt (R-73)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from flask import Flask

from app import db, ledger
from app.domain import sms
from app.security.scope import acting_as
from models.sms import SmsBatch
from tests.conftest import first_community, org
from tests.factories.job_seeker import clerk, person_born, register
from tests.ledgers.case import LedgerCase

TODAY = date(2026, 12, 1)
TEXT = "【顺义区职业介绍服务中心】仁和镇某物流公司招聘仓库管理员5名，月薪5000-6500元，详询010-69440000。"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr("app.clock.today", lambda: TODAY)
    return TODAY


class FlakyGateway:
    """A gateway on which numbers ending in 9 fail once, then arrive."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def send(self, numbers: Sequence[str], text: str) -> tuple[list[str], list[str]]:
        self.calls.append(list(numbers))
        first = len(self.calls) == 1
        failed = [n for n in numbers if first and n.endswith("9")]
        return [n for n in numbers if n not in failed], failed


class TestSmsBatch(LedgerCase):
    ledger = "sms_batch"
    change = {"title": "仓管招聘（更正）"}
    invalid_values = [
        ({"title": ""}, "title"),
        ({"content": ""}, "content"),
        ({"recipient_age_min": "50", "recipient_age_max": "30"}, "recipient_age_max"),
        ({"recipient_gender": "7"}, "recipient_gender"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return {"org_id": org_id, "title": f"仓管招聘{n}", "content": TEXT, "recipient_org": org_id}


def new_batch(unit_id: int, user: str = "renhe_jingban", **values: Any) -> SmsBatch:
    with acting_as(clerk(user)):
        batch = ledger.create(SmsBatch, {"org_id": unit_id, "title": "招聘", "content": TEXT, **values})
        db.session.commit()
    return batch


def fire(client: Any, batch: SmsBatch, step: str, **inputs: Any) -> Any:
    state = client.get(f"/api/v1/workflow/sms_batch/{batch.id}").json["result"]
    return client.post(
        f"/api/v1/workflow/sms_batch/{batch.id}/{step}", json={**inputs, "version": state["version"]}
    )


@pytest.fixture
def phones(app: Flask) -> dict[str, str]:
    """Persons with phones in both towns: ages 30 and 50 (on TODAY), men and women, one job seeker."""
    people = {
        "renhe_man_30": person_born(date(1996, 6, 1), "仁和镇", "13900000001"),
        "renhe_woman_50": person_born(date(1976, 6, 1), "仁和镇", "13900000009", gender="2"),
        "renhe_seeker_30": person_born(date(1996, 7, 1), "仁和镇", "13900000003"),
        "renhe_same_phone": person_born(date(1996, 8, 1), "仁和镇", "13900000003"),
        "renhe_no_phone": person_born(date(1996, 9, 1), "仁和镇"),
        "houshayu_man_30": person_born(date(1996, 6, 1), "后沙峪镇", "13700000001"),
    }
    register(people["renhe_seeker_30"], date(2026, 11, 1), experience_years=5)
    return {name: person.phone for name, person in people.items()}


def test_segments__counted_from_the_text_r72(app: Flask) -> None:
    batch = new_batch(org("仁和镇").id, content="岗" * 72)
    assert batch.segments == 1
    with acting_as(clerk()):
        ledger.update(batch, {"content": "岗" * 72 + "。"}, batch.version)
        db.session.commit()
    assert batch.segments == 2


def test_recipients__town_clerk_gets_own_town_only(app: Flask, phones: dict[str, str]) -> None:
    town_batch = new_batch(org("仁和镇").id)
    assert sms.recipients(town_batch, clerk()) == ["13900000001", "13900000003", "13900000009"]
    district_batch = new_batch(org("顺义区").id, user="qu_jingban")
    assert "13700000001" in sms.recipients(district_batch, clerk("qu_jingban"))
    assert "13700000001" not in sms.recipients(district_batch, clerk("renhe_jingban"))
    with acting_as(clerk()), pytest.raises(ledger.LedgerError) as refused:
        ledger.create(
            SmsBatch,
            {
                "org_id": org("仁和镇").id,
                "title": "越权",
                "content": TEXT,
                "recipient_org_id": org("后沙峪镇").id,
            },
        )
    assert "recipient_org_id" in refused.value.errors


def test_recipients__age_gender_status_and_experience_filters(app: Flask, phones: dict[str, str]) -> None:
    unit = org("仁和镇").id
    assert sms.recipients(new_batch(unit, recipient_age_min=40, recipient_age_max=60), clerk()) == [
        "13900000009"
    ]
    assert sms.recipients(new_batch(unit, recipient_age_min=30, recipient_age_max=30), clerk()) == [
        "13900000001",
        "13900000003",
    ]
    assert sms.recipients(new_batch(unit, recipient_gender="2"), clerk()) == ["13900000009"]
    assert sms.recipients(new_batch(unit, recipient_employment_status="11"), clerk()) == []
    assert sms.recipients(new_batch(unit, recipient_seekers_only=True), clerk()) == ["13900000003"]
    assert sms.recipients(new_batch(unit, recipient_min_experience=6), clerk()) == []
    community = first_community("仁和镇").id
    assert sms.recipients(new_batch(unit, recipient_org_id=community), clerk()) == [
        "13900000001",
        "13900000003",
        "13900000009",
    ]


def test_number_file__plain_numbers_one_per_line(app: Flask, login: Any, phones: dict[str, str]) -> None:
    batch = new_batch(org("仁和镇").id)
    response = login("renhe_jingban").get(f"/ledger/sms_batch/numbers/{batch.id}")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data == b"13900000001\r\n13900000003\r\n13900000009\r\n"
    assert login("houshayu_jingban").get(f"/ledger/sms_batch/numbers/{batch.id}").status_code == 404


def test_workflow__approval_before_sending_then_the_adapter_records(
    app: Flask, login: Any, phones: dict[str, str]
) -> None:
    batch = new_batch(org("仁和镇").id, title="仓管待审")
    town = login("renhe_jingban")
    assert fire(town, batch, "send").status_code == 403  # a draft is not sent
    assert fire(town, batch, "approve").status_code == 403  # the clerk does not approve their own text
    reviewer = login("qu_shenhe")
    inbox = reviewer.get("/inbox/?kind=sms_batch").data.decode()
    assert "审批通过" in inbox and "仓管待审" in inbox  # the draft waits on the reviewer
    assert fire(reviewer, batch, "approve", comment="内容无误").status_code == 200
    version = reviewer.get(f"/api/v1/workflow/sms_batch/{batch.id}").json["result"]["version"]
    changed = reviewer.put(f"/api/v1/sms_batch/{batch.id}", json={"content": "改", "version": version})
    assert changed.status_code == 403  # the reviewer's part is the approval step, not an edit
    town = login("renhe_jingban")
    changed = town.put(f"/api/v1/sms_batch/{batch.id}", json={"content": "改", "version": version})
    assert changed.status_code == 422  # an approved text is not changed any more
    assert fire(town, batch, "send").status_code == 200
    db.session.expire_all()
    sent = db.session.get(SmsBatch, batch.id)
    assert (sent.state, sent.recipient_count, sent.sent_count, sent.failed_count) == ("sent", 3, 3, 0)
    assert sent.sent_on == TODAY
    assert app.extensions["sms_outbox"] == [(["13900000001", "13900000003", "13900000009"], TEXT)]
    refused = fire(town, batch, "resend")  # nothing failed: nothing to send again
    assert refused.status_code == 403 and len(app.extensions["sms_outbox"]) == 1


def test_workflow__one_second_attempt_for_the_failed_numbers(
    app: Flask, login: Any, phones: dict[str, str]
) -> None:
    gateway = FlakyGateway()
    app.extensions["sms_adapter"] = gateway
    batch = new_batch(org("仁和镇").id)
    assert fire(login("qu_shenhe"), batch, "approve").status_code == 200
    town = login("renhe_jingban")
    assert fire(town, batch, "send").status_code == 200
    db.session.expire_all()
    batch = db.session.get(SmsBatch, batch.id)
    assert (batch.sent_count, batch.failed_count, batch.failed_numbers) == (2, 1, "13900000009")
    assert fire(town, batch, "resend").status_code == 200
    db.session.expire_all()
    batch = db.session.get(SmsBatch, batch.id)
    assert gateway.calls[1] == ["13900000009"]
    assert (batch.sent_count, batch.failed_count, batch.failed_numbers) == (3, 0, None)
    assert (batch.retry_count, batch.retried_on) == (1, TODAY)


def test_adapter__chosen_by_setting(app: Flask) -> None:
    app.config["SMS_ADAPTER"] = "tests.ledgers.test_sms_batch:FlakyGateway"
    assert type(sms.adapter()).__name__ == "FlakyGateway"
