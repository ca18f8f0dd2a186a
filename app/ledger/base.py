"""What every part of the ledger package shares: the refused-write error and the session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

STALE_MESSAGE = _l("This record was changed by someone else; please refresh and try again")


@dataclass
class LedgerError(Exception):
    """A refused write: field → message, plus a message for the whole record (key "")."""

    errors: dict[str, Any]

    def __str__(self) -> str:
        return "; ".join(str(message) for message in self.errors.values())


def session() -> Any:
    return current_app.appbuilder.session  # type: ignore[attr-defined]
