"""Fixtures for the hardening tests: the shared app with CSRF on, and a browser-like login that takes the
token from the page as a browser does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from seed.demo.person import DEMO_PASSWORD
from tests.conftest import fresh_app

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def page_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the first form on the page at `url`."""
    found = TOKEN.search(client.get(url).get_data(as_text=True))
    assert found, f"no csrf_token on {url}"
    return found.group(1)


@pytest.fixture
def csrf_app(shared_app: Flask) -> Iterator[Flask]:
    with fresh_app(shared_app, {"WTF_CSRF_ENABLED": True}) as app:
        yield app


@pytest.fixture
def browser_login(csrf_app: Flask) -> Any:
    """Log in through the login form with its token: `browser_login("renhe_jingban")` → a client."""

    def login(username: str, password: str = DEMO_PASSWORD) -> FlaskClient:
        client = csrf_app.test_client()
        token = page_token(client, "/login/")
        response = client.post(
            "/login/", data={"username": username, "password": password, "csrf_token": token}
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return login
