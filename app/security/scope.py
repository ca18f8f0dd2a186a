"""OrgScope: the one territorial filter. A user sees and writes only rows whose org unit lies in the
subtree of their own unit. Used by list, count, show, edit, void, bulk actions, the REST API, form
choices, history, exports, imports and reports — never an ad-hoc `.filter(org_id=...)` elsewhere."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import g, has_request_context
from flask_appbuilder.models.filters import BaseFilter
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import Query

from models.org import OrgUnit

_cli_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("cli_actor", default=None)


def current_actor() -> Any:
    """The user acting now: the logged-in (or JWT) user in a request, the `acting_as` user elsewhere."""
    if has_request_context():
        user = getattr(g, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return user
        from flask import current_app

        sm_user = current_app.appbuilder.sm.current_user  # type: ignore[attr-defined]
        if sm_user is not None and getattr(sm_user, "is_authenticated", True):
            return sm_user
    return _cli_actor.get()


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Run command-line work as a named user, so scoping and history apply as in the UI."""
    token = _cli_actor.set(user)
    try:
        yield
    finally:
        _cli_actor.reset(token)


def territory_path(user: Any) -> str | None:
    """The path prefix of the user's territory; None for no user (nothing is visible)."""
    org = getattr(user, "org", None) if user is not None else None
    return org.path if org is not None else None


def subtree_ids(path: str) -> Select[Any]:
    """Ids of the org units at or below `path` (a subquery for `org_id IN (...)`)."""
    return select(OrgUnit.id).where(or_(OrgUnit.path == path, OrgUnit.path.like(path + "/%")))


def in_territory(org: OrgUnit | None, user: Any) -> bool:
    path = territory_path(user)
    if org is None or path is None:
        return False
    return org.path == path or org.path.startswith(path + "/")


def scope_query(query: Any, model: type[Any], user: Any) -> Any:
    """Restrict a query (ORM Query or Select) over a ledger model to the user's territory."""
    path = territory_path(user)
    if path is None:
        return query.where(false()) if isinstance(query, Select) else query.filter(false())
    if "/" not in path:  # the root unit: the whole tree, no filter needed
        return query
    condition = model.org_id.in_(subtree_ids(path))
    return query.where(condition) if isinstance(query, Select) else query.filter(condition)


class OrgScopeFilter(BaseFilter):
    """FAB base filter wrapping scope_query; declared once in LedgerView/LedgerApi base_filters."""

    name = _l("Within my territory")
    arg_name = "orgscope"

    def apply(self, query: Query[Any], value: Any) -> Query[Any]:
        return scope_query(query, self.model, current_actor())


class OrgUnitScopeFilter(BaseFilter):
    """The same territory applied to the org unit table itself (form choices, org admin, history)."""

    name = _l("Within my territory")
    arg_name = "orgunitscope"

    def apply(self, query: Query[Any], value: Any) -> Query[Any]:
        return query.filter(org_units_in_territory(current_actor()))


def org_units_in_territory(user: Any) -> Any:
    """The condition on OrgUnit for the units a user may see and write into."""
    path = territory_path(user)
    if path is None:
        return false()
    return or_(OrgUnit.path == path, OrgUnit.path.like(path + "/%"))
