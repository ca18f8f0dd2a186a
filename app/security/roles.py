"""Syncs the roles of seed/roles.py into FAB's permission tables (idempotent; run by `flask seed`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, cast

from flask_appbuilder.security.manager import BaseSecurityManager

from seed.roles import OWN_ACCOUNT, ROLES

PII = ("can_view", "PersonalData")  # not tied to a view: unmasks ID numbers


def share_permissions(appbuilder: Any) -> None:
    """Views that share a permission name (a ledger's list view, its REST API, its workflow API, pages reading
    it) and a menu entry of that name declare the same permissions: FAB's sync otherwise tries to delete,
    for each view, the permissions only the others use, and logs a refusal for every one of them."""
    shared: dict[str, set[str]] = defaultdict(set)
    for view in appbuilder.baseviews:
        shared[view.class_permission_name] |= set(view.base_permissions or ())
    for name in appbuilder.menu.get_flat_name_list():
        if name in shared:
            shared[name].add("menu_access")
    for view in appbuilder.baseviews:
        view.base_permissions = sorted(shared[view.class_permission_name])


def sync_roles(appbuilder: Any, ledgers: list[str]) -> None:
    """Every role's permissions on the given ledgers (the registry's names) and on the views of seed/roles.py."""
    sm = appbuilder.sm
    BaseSecurityManager.create_db(sm)  # FAB's admin and public roles, without its create_all
    share_permissions(appbuilder)
    appbuilder.add_permissions(update_perms=True)
    pii = sm.add_permission_view_menu(*PII)
    admin = sm.find_role(sm.auth_role_admin)
    if admin is not None and pii not in admin.permissions:  # the matrix gives 系统管理员 unmasked data
        sm.add_permission_role(admin, pii)
    # seed/roles.py: per role, lists of names, of (permission, view) pairs, and flags
    for name, spec in cast("dict[str, dict[str, Any]]", ROLES).items():
        role = sm.find_role(name) or sm.add_role(name)
        wanted: list[tuple[str, str]] = [*OWN_ACCOUNT, *spec["views"]]
        for ledger_name in spec.get("only_ledgers", ledgers):
            wanted += [(f"can_{perm}", ledger_name) for perm in spec["ledgers"]]
            wanted.append(("menu_access", ledger_name))
        wanted += [("menu_access", menu) for menu in spec["menus"]]
        if spec["pii"]:
            wanted.append(PII)
        pvms = [sm.add_permission_view_menu(perm, view) for perm, view in wanted]
        role.permissions = [pvm for pvm in pvms if pvm is not None]
    appbuilder.session.commit()
