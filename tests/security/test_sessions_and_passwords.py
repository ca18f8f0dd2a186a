"""Logout ends the session on the server (a copied cookie no longer works) and changing one's own password
asks for the current one (issue 14 item 12)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask, g
from werkzeug.security import check_password_hash

from app import db
from seed.demo.person import DEMO_PASSWORD

NEW_PASSWORD = "another-pass-2026"


def get(client: Any, url: str) -> int:
    """The status of a GET as its own request: the test's app context would otherwise hand the previous
    request's user (flask-login keeps it in `g`) to this one."""
    g.pop("_login_user", None)
    return int(client.get(url).status_code)


def test_logout__replayed_session_cookie_refused(app: Flask, login: Any) -> None:
    client = login("renhe_jingban")
    assert get(client, "/ledger/person/list/") == 200
    copied = client.get_cookie("session").value
    get(client, "/logout/")
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert get(thief, "/ledger/person/list/") == 302  # to the login page
    assert get(thief, "/api/v1/person/") == 401


def test_logout__other_sessions_of_the_user_keep_working(app: Flask, login: Any) -> None:
    first = login("renhe_jingban")
    second = app.test_client()
    g.pop("_login_user", None)
    second.post("/login/", data={"username": "renhe_jingban", "password": DEMO_PASSWORD})
    get(first, "/logout/")
    assert get(second, "/ledger/person/list/") == 200


@pytest.fixture
def password_restored(app: Flask) -> Iterator[None]:
    yield
    sm = app.appbuilder.sm
    sm.reset_password(sm.find_user(username="renhe_shequ").id, DEMO_PASSWORD)


def stored_hash() -> str:
    from models.user import LedgerUser

    db.session.expire_all()
    return str(db.session.query(LedgerUser).filter_by(username="renhe_shequ").one().password)


def test_change_password__asks_for_the_current_one(app: Flask, login: Any, password_restored: None) -> None:
    client = login("renhe_shequ")
    page = client.get("/resetmypassword/form").get_data(as_text=True)
    assert 'name="current_password"' in page and "当前密码" in page
    new = {"password": NEW_PASSWORD, "conf_password": NEW_PASSWORD}
    refused = client.post("/resetmypassword/form", data={**new, "current_password": "guessed-pass"})
    assert refused.status_code == 200 and "当前密码不正确" in refused.get_data(as_text=True)
    assert client.post("/resetmypassword/form", data=new).status_code == 200
    assert check_password_hash(stored_hash(), DEMO_PASSWORD)
    saved = client.post("/resetmypassword/form", data={**new, "current_password": DEMO_PASSWORD})
    assert saved.status_code == 302
    assert check_password_hash(stored_hash(), NEW_PASSWORD)
