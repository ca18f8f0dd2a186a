"""Whether a given user (not only the one of the current request) holds a permission: the inboxes ask
this for each user they are computed for."""

from __future__ import annotations

from typing import Any

from flask import current_app


def user_may(user: Any, permission: str, view: str) -> bool:
    if user is None or not getattr(user, "is_active", False):
        return False
    return bool(current_app.appbuilder.sm._has_view_access(user, permission, view))  # type: ignore[attr-defined]
