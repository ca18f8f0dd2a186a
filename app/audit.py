"""Change history 留痕: a flush listener that writes one audit_log row per inserted, updated or voided
ledger row, with the field-level before/after, in the same transaction as the change.

Reference tables that an administrator edits (policy parameters) and per-record rows that belong to a ledger
row (materials received) are recorded too: such a model defines `audit_target()` → (ledger name, row id,
org id or None), and its creates, updates and deletes are logged under that name and row.

The same listener refuses any update or delete of audit_log itself (and of the workflow events), and any hard delete of a ledger row:
history is append-only and ledger rows are voided, never deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from app.security.scope import current_actor
from models.audit import AuditLog
from models.base import LedgerMixin, utcnow
from models.org import OrgUnit
from models.workflow import WorkflowEvent

COMMENT_KEY = "audit_comment"
ACTION_KEY = "audit_action"
JSON_SAFE = frozenset({str, int, bool, float})
SKIPPED = {"version", "created_at", "updated_at", "created_by_id", "updated_by_id", "voided_by_id"}


class HistoryIsAppendOnly(RuntimeError):
    pass


def plain(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if type(value) in JSON_SAFE:  # most values: asked first (an import asks for every cell)
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def field_changes(obj: Any, inserted: bool) -> dict[str, list[Any]]:
    state = inspect(obj)
    if inserted:
        return created_changes(type(obj), lambda key: getattr(obj, key))
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in SKIPPED or key == "id":
            continue
        history = state.attrs[key].history  # only updates need it (imports insert many rows)
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[key] = [plain(old), plain(new)]
    return changes


@cache
def history_keys(model: type[Any]) -> tuple[str, ...]:
    """The attributes whose values the history of a new row shows, in mapper order."""
    return tuple(
        attr.key for attr in inspect(model).column_attrs if attr.key not in SKIPPED and attr.key != "id"
    )


def created_changes(model: type, value_of: Callable[[str], Any]) -> dict[str, list[Any]]:
    """The history of a new row: each column that has a value, as [None, value]. The flush listener and
    the kernel's batched INSERT of an import (app.ledger.flush_bulk) both build it here."""
    changes: dict[str, list[Any]] = {}
    for key in history_keys(model):
        value = value_of(key)
        if value is not None:
            changes[key] = [None, value if type(value) in JSON_SAFE else plain(value)]
    return changes


def entry(
    actor: Any, ledger: str, row_id: int, org: OrgUnit | None, action: str, changes: Any, comment: Any
) -> dict[str, Any]:
    """One audit_log row (the flush listener and the kernel's batched INSERT both build it here)."""
    return {
        "at": utcnow(),
        "user_id": getattr(actor, "id", None),
        "username": getattr(actor, "username", None) or "system",
        "user_org_name": getattr(getattr(actor, "org", None), "name", None),
        "ledger": ledger,
        "row_id": row_id,
        "row_org_path": org.path if org is not None else None,
        "row_org_name": org.name if org is not None else None,
        "action": action,
        "changes": changes,
        "comment": comment,
    }


def classify(obj: Any, inserted: bool, changes: dict[str, list[Any]], session: Session) -> str:
    if inserted:
        return "create"
    if "voided_at" in changes:
        return "void" if changes["voided_at"][1] else "restore"
    return session.info.get(ACTION_KEY) or ("transfer" if "org_id" in changes else "update")


def stamp(session: Session, flush_context: Any, instances: Any) -> None:
    """before_flush: guard history and hard deletes, stamp who/when on ledger rows."""
    for obj in session.deleted:
        if isinstance(obj, AuditLog | WorkflowEvent | LedgerMixin):
            raise HistoryIsAppendOnly(f"{type(obj).__name__} rows are never deleted")
    for obj in session.dirty:
        if isinstance(obj, AuditLog | WorkflowEvent) and session.is_modified(obj):
            raise HistoryIsAppendOnly(f"{type(obj).__name__} rows are never changed")
    actor = current_actor()
    actor_id = getattr(actor, "id", None)
    for obj in session.new:
        if isinstance(obj, LedgerMixin):
            obj.created_by_id = obj.updated_by_id = actor_id
    for obj in session.dirty:
        if isinstance(obj, LedgerMixin) and session.is_modified(obj):
            obj.updated_by_id = actor_id


def record(session: Session, flush_context: Any) -> None:
    """after_flush: primary keys exist and attribute history is still there; write the log rows."""
    actor = current_actor()
    rows: list[dict[str, Any] | None] = []
    candidates = [(obj, True) for obj in session.new] + [(obj, False) for obj in session.dirty]
    for obj, inserted in candidates:
        if not isinstance(obj, LedgerMixin) or not (inserted or session.is_modified(obj)):
            continue
        changes = field_changes(obj, inserted)
        if not changes:
            continue
        org = session.get(OrgUnit, obj.org_id)
        action = classify(obj, inserted, changes, session)
        rows.append(
            entry(actor, type(obj).__ledger__, obj.id, org, action, changes, session.info.get(COMMENT_KEY))
        )
    rows += [reference_row(obj, action, session, actor) for obj, action in reference_changes(session)]
    logged = [row for row in rows if row is not None]
    if logged:
        session.connection().execute(insert(AuditLog), logged)


def reference_changes(session: Session) -> list[tuple[Any, str]]:
    """The flushed rows of models with `audit_target` (not ledgers): created, changed or deleted."""
    flushed = [(obj, "create") for obj in session.new] + [(obj, "update") for obj in session.dirty]
    flushed += [(obj, "delete") for obj in session.deleted]
    return [(obj, action) for obj, action in flushed if hasattr(obj, "audit_target")]


def reference_row(obj: Any, action: str, session: Session, actor: Any) -> dict[str, Any] | None:
    if action == "delete":
        changes = {
            attr.key: [plain(getattr(obj, attr.key)), None]
            for attr in inspect(obj).mapper.column_attrs
            if attr.key not in SKIPPED and attr.key != "id" and getattr(obj, attr.key) is not None
        }
    else:
        changes = field_changes(obj, action == "create")
    changes.pop("updated_at", None)
    if not changes:
        return None
    for key in getattr(obj, "audit_keys", ()):  # unchanged, but they say which row changed
        changes.setdefault(key, [plain(getattr(obj, key))] * 2)
    ledger_name, row_id, org_id = obj.audit_target()
    org = session.get(OrgUnit, org_id) if org_id else None
    return entry(actor, ledger_name, row_id, org, action, changes, session.info.get(COMMENT_KEY))


def clear_comment(session: Session) -> None:
    session.info.pop(COMMENT_KEY, None)
    session.info.pop(ACTION_KEY, None)


def install() -> None:
    """Attach the listeners to every ORM session of the process (idempotent)."""
    if not event.contains(Session, "before_flush", stamp):
        event.listen(Session, "before_flush", stamp)
        event.listen(Session, "after_flush", record)
        event.listen(Session, "after_commit", clear_comment)
        event.listen(Session, "after_rollback", clear_comment)
