"""How a ledger value reads on screen and in exports: code labels, masked ID numbers for users without the
PII permission, 是/否."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l

from app import codes
from app.security.access import user_may
from app.security.scope import current_actor
from models.identity import mask_id_number

PII_PERMISSION = ("can_view", "PersonalData")


def can_see_pii() -> bool:
    """Whether the current user may read unmasked ID numbers (asked once per request)."""
    if not has_request_context():  # command line and jobs: the `acting_as` user's own roles
        return user_may(current_actor(), *PII_PERMISSION)
    if not hasattr(request, "can_see_pii"):
        request.can_see_pii = current_app.appbuilder.sm.has_access(*PII_PERMISSION)  # type: ignore[attr-defined]
    return bool(request.can_see_pii)  # type: ignore[attr-defined]


def display(meta: Any, value: Any) -> str:
    """How a ledger value reads on screen (and in exports): code labels, masked IDs, 是/否."""
    if value is None:
        return ""
    if meta.code_list:
        return codes.label(meta.code_list, value)
    if meta.pii and not can_see_pii():
        return mask_id_number(str(value))
    if isinstance(value, bool):
        return str(_l("Yes") if value else _l("No"))
    return str(value)


def display_derived(value: Any) -> str:
    """A derived value (an amount, a date) as the record's page shows it; empty while not computed."""
    return "" if value is None else str(value)
