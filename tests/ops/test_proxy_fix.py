"""Behind a reverse proxy the app trusts exactly PROXY_FIX_X_* hops of X-Forwarded-For / -Proto: the client's
address (what the login rate limit counts) and the HTTPS scheme; without them the headers are ignored."""

from __future__ import annotations

from typing import Any

from flask import request

from app import create_app, db
from tests.conftest import TEST_OVERRIDES

PROXY_HEADERS = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}


def seen_by_app(db_url: str, **settings: Any) -> str:
    app = create_app({**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": db_url, **settings})
    app.add_url_rule("/_seen", "seen", lambda: f"{request.remote_addr} {request.scheme}")
    try:
        return app.test_client().get("/_seen", headers=PROXY_HEADERS).data.decode()
    finally:
        with app.app_context():
            db.engine.dispose()


def test_proxy_fix__one_trusted_proxy_gives_client_address_and_scheme(db_url: str) -> None:
    assert seen_by_app(db_url, PROXY_FIX_X_FOR=1, PROXY_FIX_X_PROTO=1) == "203.0.113.9 https"


def test_proxy_fix__no_proxy_configured_headers_ignored(db_url: str) -> None:
    assert seen_by_app(db_url) == "127.0.0.1 http"
