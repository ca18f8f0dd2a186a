"""Whether a given user (not only the one of the current request) holds a permission: the inboxes ask
this for each user they are computed for. A user's permission set is read with one query and kept for the
rest of the request (the security manager's `has_access` answers from the same set)."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request


def granted(user: Any) -> set[tuple[str, str]]:
    """(permission, view) pairs the user's roles grant; loaded once per request and user."""
    cache: dict[Any, set[tuple[str, str]]] | None = None
    if has_request_context():
        cache = request.__dict__.setdefault("granted_by_user", {})
        if user.id in cache:
            return cache[user.id]
    found: set[tuple[str, str]] = set()
    for permissions in current_app.appbuilder.sm.get_user_roles_permissions(user).values():  # type: ignore[attr-defined]
        found.update(permissions)
    if cache is not None:
        cache[user.id] = found
    return found


def user_may(user: Any, permission: str, view: str) -> bool:
    if user is None or not getattr(user, "is_active", False):
        return False
    if not (getattr(user, "roles", None) or getattr(user, "groups", None)):
        return False
    return (permission, view) in granted(user)
