"""Where a home-page number leads: the ledger's list filtered as the number was counted (FAB's
`_flt_<index>_<column>` arguments, the index looked up by the filter's kind in the list's own filters, so a
changed filter order keeps the links right), 超期督办's records, or 我的待办."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import current_app, url_for

from app.ledger import registry
from app.security.access import user_may

ORG = "org"


def _view(name: str) -> Any:
    cls = registry.VIEWS.get(name)
    if cls is None:
        return None
    return next((v for v in current_app.appbuilder.baseviews if isinstance(v, cls)), None)  # type: ignore[attr-defined]


def list_url(user: Any, name: str, *conditions: tuple[str, str, Any]) -> str | None:
    """The list of ledger `name` filtered by (column, filter kind, value) conditions (kind: FAB's
    `arg_name`, eq / gt / lt); None when the user may not read it or it cannot filter so."""
    view = _view(name)
    if view is None or not user_may(user, "can_read", name):
        return None
    searchable = view._filters.get_search_filters()
    args: dict[str, Any] = {}
    for column, kind, value in conditions:
        filters = searchable.get(column)
        if not filters:
            return None
        kinds = [flt.arg_name for flt in filters]
        index = kinds.index(kind) if kind in kinds else (0 if column == ORG else None)
        if index is None:
            return None
        args[f"_flt_{index}_{column}"] = value
    return str(url_for(f"{type(view).__name__}.list", **args))


def org(unit_id: int | None) -> tuple[tuple[str, str, Any], ...]:
    """The condition "belongs to unit" (none for the user's whole territory)."""
    return () if unit_id is None else ((ORG, "rel_o_m", unit_id),)


def between(column: str, first: date, following: date) -> tuple[tuple[str, str, Any], ...]:
    """first <= column < following, as FAB's strict greater-than and smaller-than filters."""
    return ((column, "gt", (first - timedelta(days=1)).isoformat()), (column, "lt", following.isoformat()))


def overdue_url(user: Any, unit_id: int | None) -> str | None:
    """超期督办's records of the unit for those who read the board, else the user's overdue to-dos."""
    if user_may(user, "can_read", "overdue"):
        args: dict[str, Any] = {} if unit_id is None else {"unit": unit_id}
        return str(url_for("OverdueBoardView.records", **args))
    return inbox_url(user, overdue=1, **({} if unit_id is None else {"org": unit_id}))


def inbox_url(user: Any, **args: Any) -> str | None:
    """我的待办, narrowed by the inbox's own query arguments (overdue=1, org=<id>, kind=<ledger>)."""
    return str(url_for("InboxView.index", **args)) if user_may(user, "can_read", "inbox") else None
