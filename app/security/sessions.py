"""Logout ends the session on the server too. The session is a signed cookie, so a copy taken before the
logout would otherwise still work until it expires: every login gets a random session id, logout records it
as ended (for the idle lifetime, in the rate-limit store: Redis in production, shared by every worker), and
a request with an ended or missing id is logged out."""

from __future__ import annotations

import secrets

from flask import current_app, session
from flask_login import logout_user

from app.shared import store

SESSION_ID = "sid"
PREFIX = "ended-session/"


def begin() -> None:
    """A new id for a new login."""
    session[SESSION_ID] = secrets.token_urlsafe(24)


def end() -> None:
    """Record the session's id as ended, for as long as its cookie could still be valid."""
    if sid := session.get(SESSION_ID):
        lifetime = current_app.permanent_session_lifetime.total_seconds()
        store().incr(PREFIX + sid, max(int(lifetime), 60))
    session.pop(SESSION_ID, None)


def check() -> None:
    """Before each request: a logged-in session whose id was ended (or never given) is logged out."""
    if "_user_id" not in session:
        return
    sid = session.get(SESSION_ID)
    if sid is None or store().get(PREFIX + sid) > 0:
        logout_user()
        session.clear()
