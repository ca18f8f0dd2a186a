"""HTTP hardening (issue 14 item 10): security headers on every response, HTTPS-only cookies and a strong
SECRET_KEY in production, attachments never rendered as a page of this site."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app import config, db
from models.policy import MaterialReceipt
from tests.conftest import fresh_app
from tests.factories.district_subsidy import apply

PNG_HEADED_HTML = b"\x89PNG\r\n\x1a\n<html><script>alert(document.cookie)</script></html>"
STRONG = "k" * 40


@pytest.mark.parametrize("url", ["/login/", "/ledger/person/list/", "/api/v1/person/"])
def test_headers__on_every_response(client: Any, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "frame-ancestors 'none'" in csp
        and "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    )
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # development, plain HTTP


def test_headers__fab_inline_scripts_carry_the_nonce(client: Any) -> None:
    response = client.get("/login/")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    page = response.get_data(as_text=True)
    assert page.count("<script") == page.count(f'nonce="{nonce}"') > 0


def test_headers__hsts_on_https_in_production(shared_app: Flask) -> None:
    with fresh_app(shared_app, {"HSTS": True}) as app:
        client = app.test_client()
        assert client.get("/login/", base_url="https://localhost").headers["Strict-Transport-Security"]
        assert "Strict-Transport-Security" not in client.get("/login/").headers


def production(monkeypatch: pytest.MonkeyPatch, secret: str | None) -> None:
    monkeypatch.delenv("TAIZHANG_DEV", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    if secret is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", secret)


def test_cookies__secure_in_production_not_in_development(monkeypatch: pytest.MonkeyPatch) -> None:
    development = config.build()
    assert not development["SESSION_COOKIE_SECURE"] and not development["REMEMBER_COOKIE_SECURE"]
    production(monkeypatch, STRONG)
    settings = config.build()
    assert settings["SESSION_COOKIE_SECURE"] and settings["REMEMBER_COOKIE_SECURE"] and settings["HSTS"]
    assert settings["SESSION_COOKIE_HTTPONLY"] and settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    monkeypatch.setenv("SECURE_COOKIES", "0")  # a production server reached over plain HTTP
    assert not config.build()["SESSION_COOKIE_SECURE"]


@pytest.mark.parametrize("secret", ["abcde", config.DEV_SECRET, "changeme", "x" * 31])
def test_secret_key__weak_refused_in_production(monkeypatch: pytest.MonkeyPatch, secret: str) -> None:
    production(monkeypatch, secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY is too weak"):
        config.build()


def test_secret_key__strong_accepted_and_development_keeps_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "abcde")
    assert config.build()["SECRET_KEY"] == "abcde"  # development: any key
    production(monkeypatch, STRONG)
    assert config.build()["SECRET_KEY"] == STRONG


def test_attachment__png_headed_html_never_rendered_as_html(app: Flask, login: Any, tmp_path: Any) -> None:
    app.config["ATTACHMENTS_DIR"] = str(tmp_path)
    case = apply(app)
    clerk = login("renhe_jingban")
    clerk.post(
        f"/ledger/district_subsidy/attach/{case.id}/2",
        data={"file": (io.BytesIO(PNG_HEADED_HTML), "scan.png")},
    )
    download = f"/ledger/district_subsidy/attachment/{case.id}/2"
    response = clerk.get(download)
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    response.close()
    receipt = db.session.execute(select(MaterialReceipt)).scalar_one()
    receipt.attachment_mime = "text/html"  # a row written before the type checks, or by hand
    db.session.commit()
    response = clerk.get(download)
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    response.close()
