"""What the app needs to run on real servers, installed by create_app: reverse-proxy headers (ProxyFix,
trusted hops from PROXY_FIX_X_*), one Chinese answer for a request over MAX_CONTENT_LENGTH (413, a page or JSON), and
on SQLite WAL mode with a busy timeout, so a long import commit makes other requests wait instead of failing
with "database is locked"."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

SQLITE_BUSY_TIMEOUT_MS = 30_000


def install(app: Flask, engine: Engine) -> None:
    """Wrap the WSGI app for the trusted proxies, answer 413 in Chinese, tune an SQLite engine."""
    hops = {name: int(app.config.get(f"PROXY_FIX_X_{name.upper()}", 0)) for name in ("for", "proto", "host")}
    if any(hops.values()):
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops["for"], x_proto=hops["proto"], x_host=hops["host"]
        )
    app.register_error_handler(RequestEntityTooLarge, too_large)
    app.before_request(refuse_oversized)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas)


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL: readers go on while one writer commits; busy_timeout: a second writer waits for the first."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def refuse_oversized() -> None:
    """A declared body over MAX_CONTENT_LENGTH is refused before any view (or login check) reads it; a
    chunked body is cut at the limit by werkzeug when the view reads it."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()


def too_large(_error: Exception) -> Any:
    """413: the request body is over MAX_CONTENT_LENGTH (werkzeug stops before reading it)."""
    limit = round(int(current_app.config.get("MAX_CONTENT_LENGTH") or 0) / 1024 / 1024, 1)
    message = str(
        _l("The upload is larger than %(limit)s MB; choose a smaller file or split it", limit=limit)
    )
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(message=message), 413
    return render_template("errors/error.html", title=str(_l("File too large")), message=message), 413
