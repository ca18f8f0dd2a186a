"""How a ledger value reads on screen and in exports: code labels, masked personal data (the columns
declared `pii`) for users without the PII permission, 是/否."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l

from app import codes
from app.ledger.columns import pii_columns
from app.ledger.registry import LEDGERS, models
from app.rules.masking import mask_personal
from app.security.access import user_may
from app.security.scope import current_actor
from models.base import column_meta

PII_PERMISSION = ("can_view", "PersonalData")


def can_see_pii() -> bool:
    """Whether the current user may read unmasked ID numbers (asked once per request)."""
    if not has_request_context():  # command line and jobs: the `acting_as` user's own roles
        return user_may(current_actor(), *PII_PERMISSION)
    if not hasattr(request, "can_see_pii"):
        request.can_see_pii = current_app.appbuilder.sm.has_access(*PII_PERMISSION)  # type: ignore[attr-defined]
    return bool(request.can_see_pii)  # type: ignore[attr-defined]


def ledger_label(name: Any) -> str:
    """A ledger's registry name (a column named `...ledger` holds one: 公示事项台账, the history's 台账) as
    the clerk knows it: the ledger's Chinese name; an unknown name reads as nothing rather than a key."""
    spec = LEDGERS.get(str(name)) if name else None
    return str(spec.model.__ledger_label__) if spec is not None else ""


def display(meta: Any, value: Any) -> str:
    """How a ledger value reads on screen (and in exports): code labels, masked IDs, 是/否, ledger names."""
    if value is None:
        return ""
    if meta.name.endswith("ledger") and isinstance(value, str):
        return ledger_label(value)
    if meta.pii and not can_see_pii():
        return mask_personal(value)
    if meta.code_list:
        return codes.label(meta.code_list, value)
    if isinstance(value, bool):
        return str(_l("Yes") if value else _l("No"))
    return str(value)


def display_derived(value: Any) -> str:
    """A derived value (an amount, a date) as the record's page shows it; empty while not computed."""
    return "" if value is None else str(value)


def masked_changes(changes: Any) -> Any:
    """A history entry's changes ({column: [before, after]}) with every ledger's personal columns masked for
    users without the PII permission (the history browser lists all ledgers' entries)."""
    if not isinstance(changes, dict) or can_see_pii():
        return changes
    personal = set().union(*(pii_columns(model) for model in models()))  # type: ignore[arg-type]
    return {
        name: [mask_personal(v) for v in pair] if name in personal and isinstance(pair, list) else pair
        for name, pair in changes.items()
    }


def personal(item: Any, name: str) -> str:
    """A column of a record as a document (letter, roster, print page) shows it: masked when it is personal
    data the user may not read."""
    value = getattr(item, name, None) if item is not None else None
    if value is None:
        return ""
    model: Any = type(item)
    return display_personal(model, name, value)


def display_personal(model: Any, name: str, value: Any) -> str:
    meta = next((meta for meta in column_meta(model) if meta.name == name), None)
    return display(meta, value) if meta is not None and meta.pii else str(value)
