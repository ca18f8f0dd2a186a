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
