"""The navbar's 我的待办 count is kept per user for INBOX_BADGE_SECONDS (app/workflow/badge.py): another clerk's
action shows once that time is past, the user's own action at once, in every process (the shared store's
generation)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from app import shared
from app.workflow import badge
from tests.factories.assistance import fire, report_case


def shown(client: Any) -> int:
    page = client.get("/ledger/person/list/").get_data(as_text=True)
    return int(page.split('id="inbox-count">', 1)[1].split("<", 1)[0])


@pytest.fixture
def kept(app: Flask, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The badge kept 30 s, on a clock the test moves."""
    monkeypatch.setitem(app.config, "INBOX_BADGE_SECONDS", 30)
    app.extensions.pop("inbox_badge", None)
    now = [1000.0]
    monkeypatch.setattr(badge.time, "monotonic", lambda: now[0])
    return now


def test_badge__another_clerks_action_shows_once_the_time_is_past(
    app: Flask, login: Any, today: Any, kept: list[float]
) -> None:
    client = login("renhe_jingban")
    before = shown(client)
    report_case(app)  # a community clerk reports a case: one more step for the town clerk
    assert shown(client) == before
    kept[0] += 29
    assert shown(client) == before
    kept[0] += 2
    assert shown(client) == before + 1


def test_badge__the_users_own_action_shows_at_once_in_every_process(
    app: Flask, login: Any, today: Any, kept: list[float]
) -> None:
    case = report_case(app)
    client = login("renhe_jingban")
    before = shown(client)
    user_id = app.appbuilder.sm.find_user(username="renhe_jingban").id
    with app.test_request_context():
        generation = shared.generation(badge.cache_name(user_id))
    assert fire(client, case.id, "reject", comment="不符合认定条件").status_code == 200
    with app.test_request_context():
        assert shared.generation(badge.cache_name(user_id)) == generation + 1  # what other workers compare
    assert shown(client) == before - 1


def test_badge__counted_on_every_page_when_not_kept(app: Flask, login: Any, today: Any) -> None:
    assert app.config["INBOX_BADGE_SECONDS"] == 0  # the suite's setting (tests/conftest.py)
    client = login("renhe_jingban")
    before = shown(client)
    report_case(app)
    assert shown(client) == before + 1
