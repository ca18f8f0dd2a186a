"""Whether a given user (not only the one of the current request) holds a permission: the inboxes ask
this for each user they are computed for. A user's permission set is read with one query and kept for the
rest of the request (the security manager's `has_access` answers from the same set)."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request
from flask_appbuilder.security.sqla.models import (
    Permission,
    PermissionView,
    ViewMenu,
    assoc_permissionview_role,
)
from sqlalchemy import select


def granted(user: Any) -> set[tuple[str, str]]:
    """(permission, view) pairs the user's roles grant; loaded once per request and user."""
    cache: dict[Any, set[tuple[str, str]]] | None = None
    if has_request_context():
        cache = request.__dict__.setdefault("granted_by_user", {})
        if user.id in cache:
            return cache[user.id]
    found = read_granted(user)
    if cache is not None:
        cache[user.id] = found
    return found


def read_granted(user: Any) -> set[tuple[str, str]]:
    """The (permission, view) names of the user's roles and their groups' roles, as plain rows (FAB's
    `get_user_roles_permissions` builds an ORM object per pair with its roles: a tenth of a page's CPU)."""
    sm = current_app.appbuilder.sm  # type: ignore[attr-defined]
    roles = sm.get_user_roles(user)
    if any(role.name in sm.builtin_roles for role in roles):  # roles from the config, not the database
        return {pair for pairs in sm.get_user_roles_permissions(user).values() for pair in pairs}
    query = (
        select(Permission.name, ViewMenu.name)
        .join(PermissionView, PermissionView.permission_id == Permission.id)
        .join(ViewMenu, PermissionView.view_menu_id == ViewMenu.id)
        .join(assoc_permissionview_role, assoc_permissionview_role.c.permission_view_id == PermissionView.id)
        .where(assoc_permissionview_role.c.role_id.in_([role.id for role in roles]))
    )
    return {(permission, view) for permission, view in sm.session.execute(query)}


def user_may(user: Any, permission: str, view: str) -> bool:
    if user is None or not getattr(user, "is_active", False):
        return False
    if not (getattr(user, "roles", None) or getattr(user, "groups", None)):
        return False
    return (permission, view) in granted(user)
