"""The public postings feed (issue 14 item 12): what a clerk typed reaches the screens as text, never markup."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from models.vacancy import Vacancy
from tests.conftest import first_community, freeze_today, org
from tests.factories.assistance import T0
from tests.factories.employer import make_employer
from tests.factories.vacancy import vacancy_values

MARKUP = '<img src=x onerror="alert(1)">叉车 & 司机'


def test_postings_json__text_escaped(app: Flask, login: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = freeze_today(monkeypatch, T0)
    unit = first_community("仁和镇")
    employer = make_employer(unit.id, checked=True)
    with acting_as(app.appbuilder.sm.find_user(username="renhe_shequ")):
        vacancy = ledger.create(Vacancy, {**vacancy_values(employer.id, unit.id), "occupation": MARKUP})
        db.session.commit()
    town = login("renhe_jingban")
    state = town.get(f"/api/v1/workflow/vacancy/{vacancy.id}").json["result"]
    assert (
        town.post(
            f"/api/v1/workflow/vacancy/{vacancy.id}/publish", json={"version": state["version"]}
        ).status_code
        == 200
    )
    clock["today"] = date(2026, 11, 5)  # published postings show from the next day
    feed = app.test_client().get(f"/public/{org('仁和镇').code}/postings.json")
    [posting] = feed.json["postings"]
    assert posting["occupation"] == "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;叉车 &amp; 司机"
    assert "<" not in feed.get_data(as_text=True)
