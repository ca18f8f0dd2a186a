"""Login rate limits that count FAILED logins only, on the browser login and the API login alike: per account
and address (AUTH_RATE_LIMIT) and per address over all accounts (AUTH_IP_RATE_LIMIT). An office behind one
NAT address logs its ten clerks in without trouble; guessing one account's password, or many accounts', is
stopped. A refusal is a Chinese page (JSON for the API)."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, g, render_template, request
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

API_PREFIX = "/api/"


def failed(_response: Response) -> bool:
    """Deduct only when the security manager saw a wrong user name or password in this request."""
    return bool(g.get("login_failed", False))


def account_and_address() -> str:
    body = request.get_json(silent=True) if request.is_json else None
    username = body.get("username") if isinstance(body, dict) else request.form.get("username")
    return f"{get_remote_address()}/{str(username or '').strip().lower()}"


def install(limiter: Limiter, blueprints: list[Any]) -> None:
    """Both limits on the POSTs of the login blueprints (browser and API)."""
    config = current_app.config
    for blueprint in blueprints:
        limiter.limit(
            config["AUTH_RATE_LIMIT"], key_func=account_and_address, methods=["POST"], deduct_when=failed
        )(blueprint)
        limiter.limit(
            config["AUTH_IP_RATE_LIMIT"], key_func=get_remote_address, methods=["POST"], deduct_when=failed
        )(blueprint)


def init_app(app: Flask) -> None:
    app.register_error_handler(429, too_many)


def too_many(_error: Exception) -> Any:
    message = _("Too many failed logins from this address. Please wait a few minutes and try again.")
    if request.path.startswith(API_PREFIX):
        return {"message": message}, 429
    return render_template("errors/error.html", title=_("Too many attempts"), message=message), 429
