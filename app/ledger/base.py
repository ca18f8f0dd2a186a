"""What every part of the ledger package shares: the refused-write error and the session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

STALE_MESSAGE = _l("This record was changed by someone else; please refresh and try again")
CLASH_MESSAGE = _l(
    "Someone saved the same record (e.g. the same ID number) at the same moment; please refresh and check"
)


@dataclass
class LedgerError(Exception):
    """A refused write: field → message, plus a message for the whole record (key "")."""

    errors: dict[str, Any]

    def __str__(self) -> str:
        return "; ".join(str(message) for message in self.errors.values())


INT_MAX = 2**31 - 1  # the columns are INTEGER: 32 bits on PostgreSQL


def record_id(value: Any) -> int | None:
    """A row id given as a number or as digits; None for anything else (a list, a fraction, text, an id
    beyond an INTEGER column), which names no row."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_MAX:
        return value
    return None


def session() -> Any:
    return current_app.appbuilder.session  # type: ignore[attr-defined]


def flush() -> None:
    """Flush, a lost race refused like a stale version: another writer changed the row since it was read
    (409) or saved the same natural key first (422)."""
    settle(session().flush)


def commit() -> None:
    settle(session().commit)


def settle(write: Any) -> None:
    try:
        write()
    except StaleDataError:
        session().rollback()
        raise LedgerError({"": STALE_MESSAGE}) from None
    except IntegrityError:
        session().rollback()
        raise LedgerError({"_record": CLASH_MESSAGE}) from None
