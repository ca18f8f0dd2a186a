"""Login limits (issue 14 item 6): only failed logins count, per account and address and per address, on the
browser login and the API login; the refusal is Chinese (a page, JSON for the API)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from app import create_app, db
from seed.demo.person import DEMO_PASSWORD
from tests.conftest import TEST_OVERRIDES

CLERKS = ["renhe_jingban", "renhe_shequ", "houshayu_jingban", "qu_jingban", "ducha"]


@pytest.fixture(scope="module")
def limited_app(db_url: str) -> Iterator[Flask]:
    app = create_app(
        {
            **TEST_OVERRIDES,
            "SQLALCHEMY_DATABASE_URI": db_url,
            "RATELIMIT_ENABLED": True,
            "AUTH_RATE_LIMIT": "3 per 5 minute",
            "AUTH_IP_RATE_LIMIT": "6 per 5 minute",
        }
    )
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def limited(limited_app: Flask) -> Iterator[Flask]:
    limited_app.appbuilder.sm.limiter.reset()
    yield limited_app


def browser_login(app: Flask, username: str, password: str = DEMO_PASSWORD) -> Any:
    return app.test_client().post("/login/", data={"username": username, "password": password})


def api_login(app: Flask, username: str, password: str = DEMO_PASSWORD) -> Any:
    body = {"username": username, "password": password, "provider": "db"}
    return app.test_client().post("/api/v1/security/login", json=body)


def test_login__an_office_behind_one_address_logs_everyone_in(limited: Flask) -> None:
    codes = [browser_login(limited, CLERKS[n % len(CLERKS)]).status_code for n in range(12)]
    codes += [api_login(limited, CLERKS[n % len(CLERKS)]).status_code for n in range(12)]
    assert 429 not in codes


def test_login__failed_logins_of_one_account_refused_with_a_chinese_page(limited: Flask) -> None:
    codes = [browser_login(limited, "renhe_jingban", "wrong-pass").status_code for _ in range(3)]
    assert 429 not in codes
    refused = browser_login(limited, "renhe_jingban")  # even the right password, for this account here
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.get_data(as_text=True)
    assert browser_login(limited, "renhe_shequ").status_code == 302  # a colleague at the same address


def test_api_login__failed_logins_refused_with_json(limited: Flask) -> None:
    codes = [api_login(limited, "renhe_jingban", "wrong-pass").status_code for _ in range(3)]
    assert codes == [401, 401, 401]
    refused = api_login(limited, "renhe_jingban")
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.json["message"]


def test_login__failures_over_many_accounts_limited_per_address(limited: Flask) -> None:
    for username in CLERKS + ["nobody"]:
        assert browser_login(limited, username, "wrong-pass").status_code == 302
    assert browser_login(limited, "qu_jingban").status_code == 429


def test_login__one_account_logging_in_again_and_again_is_never_limited(limited: Flask) -> None:
    """Successes do not count, per account either: more than AUTH_RATE_LIMIT (3) logins of one clerk in a
    row, then two typos, and the right password still lets them in."""
    assert [browser_login(limited, "renhe_jingban").status_code for _ in range(5)] == [302] * 5
    assert [api_login(limited, "renhe_jingban").status_code for _ in range(5)] == [200] * 5
    assert [browser_login(limited, "renhe_jingban", "typo").status_code for _ in range(2)] == [302, 302]
    after = browser_login(limited, "renhe_jingban")
    assert after.status_code == 302 and "/login/" not in after.location
