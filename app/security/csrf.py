"""CSRF: Flask-WTF's CSRFProtect on every form POST of the app. FAB exempts its API blueprints (they take
bearer tokens); an API write that comes with the browser's session cookie instead is checked like a form
(the X-CSRFToken header), so a cross-site page cannot use a clerk's session through the API either."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, render_template, request, session
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, CSRFProtect

csrf = CSRFProtect()
API_PREFIX = "/api/"


def init_app(app: Flask) -> None:
    """Before AppBuilder: FAB exempts each API blueprint from the CSRFProtect it finds."""
    csrf.init_app(app)
    app.before_request(protect_session_api_writes)
    app.register_error_handler(CSRFError, refused)


def protect_session_api_writes() -> None:
    """An API write authenticated by the session cookie (no bearer token) needs the token too."""
    if (
        not current_app.config["WTF_CSRF_ENABLED"]
        or request.method not in current_app.config["WTF_CSRF_METHODS"]
    ):
        return
    if not request.path.startswith(API_PREFIX) or "_user_id" not in session:
        return
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        return
    csrf.protect()


def refused(error: CSRFError) -> Any:
    """400 with a Chinese page (JSON for the API): the form is stale or came from another site."""
    message = _(
        "The form has expired or did not come from this system. Please reload the page and try again."
    )
    if request.path.startswith(API_PREFIX):
        return {"message": message}, 400
    return render_template("errors/error.html", title=_("Request refused"), message=message), 400
