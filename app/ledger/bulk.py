"""Bulk mode (an import): every row still goes through the checks of the commands, but new rows of a
ledger without workflow or hooks are written by one INSERT per batch, with their history entries built by
app.audit as the flush listener would (`flush_bulk`)."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import DatabaseError

from app import audit
from app.audit import COMMENT_KEY
from app.ledger.base import LedgerError, session
from app.security.scope import current_actor
from models.audit import AuditLog
from models.base import column_meta, utcnow
from models.org import OrgUnit


@dataclass
class Bulk:
    """What bulk mode (an import) keeps between the rows of one model: the natural keys (value -> (row id,
    org id)) preloaded once, the answers of check_org, the code lists, and the validated new rows waiting
    for flush_bulk()."""

    model: Any
    keys: dict[str, dict[Any, tuple[int | None, int]]]
    orgs: dict[Any, OrgUnit | LedgerError] = dataclass_field(default_factory=dict)
    code_maps: dict[str, dict[str, str]] = dataclass_field(default_factory=dict)
    pending: list[dict[str, Any]] = dataclass_field(default_factory=list)
    parents: set[int] | None = None  # the units with a unit below them (validation.units_with_communities)


_bulk: contextvars.ContextVar[Bulk | None] = contextvars.ContextVar("ledger_bulk", default=None)


def current() -> Bulk | None:
    """The bulk mode in force (an import running), or None."""
    return _bulk.get()


@contextmanager
def bulk_writes(model: Any) -> Iterator[dict[str, dict[Any, tuple[int | None, int]]]]:
    """For imports: preload the model's natural keys (value -> (row id, org id)) once instead of a query
    per row, remember each unit's check_org answer, and let create() and update() leave the writing to
    flush_bulk(), which the caller runs per batch (and before committing). Every check of the commands
    still runs for every row; only the writes are batched."""
    index = {
        meta.name: {
            value: (row_id, org_id)
            for value, row_id, org_id in session().execute(
                select(getattr(model, meta.name), model.id, model.org_id)
            )
        }
        for meta in column_meta(model)
        if meta.natural_key
    }
    token = _bulk.set(Bulk(model, index))
    try:
        yield index
    finally:
        _bulk.reset(token)


def flush_bulk() -> None:
    """Write what bulk mode holds: the ORM's changes (updates, rows of workflow ledgers) by a flush, the
    new rows by one INSERT of many rows, and their history by one INSERT into audit_log with the entries
    app.audit builds for a form's create."""
    session().flush()
    bulk = _bulk.get()
    if bulk is None or not bulk.pending:
        return
    rows, bulk.pending = bulk.pending, []
    model = bulk.model
    table = model.__table__
    connection = session().connection()
    ids = inserted_ids(connection, table, rows)
    actor, comment = current_actor(), session().info.get(COMMENT_KEY)
    orgs = {org_id: session().get(OrgUnit, org_id) for org_id in {row["org_id"] for row in rows}}
    entries = [
        audit.entry(
            actor,
            model.__ledger__,
            row_id,
            orgs[row["org_id"]],
            "create",
            audit.created_changes(model, row.get),
            comment,
        )
        for row_id, row in zip(ids, rows, strict=True)
    ]
    connection.execute(insert(AuditLog), entries)


def inserted_ids(connection: Any, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """INSERT the rows (one executemany for many rows) and return their new ids in the rows' order.

    PostgreSQL: the ids are drawn from the column's sequence first and sent with the rows (RETURNING in
    parameter order would make psycopg parse one huge statement per batch, slower than the rows
    themselves). SQLite: the ids are read back after the insert: SQLite gives each new row the largest
    rowid + 1 and no other connection can write until this transaction ends, so the batch holds the
    highest ids, ascending in insertion order; any other outcome (SQLite's random ids once the largest
    possible rowid is taken) refuses the import. Other databases: RETURNING in parameter order."""
    dialect = connection.dialect.name
    sequence = (
        connection.execute(select(func.pg_get_serial_sequence(table.name, "id"))).scalar()
        if dialect == "postgresql"
        else None
    )
    if sequence is not None:
        numbers = select(func.nextval(sequence)).select_from(func.generate_series(1, len(rows)))
        ids = list(connection.execute(numbers).scalars())
        connection.execute(
            insert(table), [{**row, "id": row_id} for row, row_id in zip(rows, ids, strict=True)]
        )
        return ids
    if dialect != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(statement, rows).scalars())
    connection.execute(insert(table), rows)
    query = select(table.c.id).order_by(table.c.id.desc()).limit(len(rows))
    ids = sorted(connection.execute(query).scalars())
    if len(ids) != len(rows) or ids[-1] - ids[0] != len(rows) - 1:
        raise DatabaseError("INSERT", {}, RuntimeError("new row ids are not consecutive"))
    return ids


STAMPS = ("created_by_id", "updated_by_id", "created_at", "updated_at", "version")  # set by new_row


def new_row(model: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Every column of a new row as the ORM would insert it: the given values (the ORM leaves out None, so
    the column's default applies), version 1, who and when."""
    actor_id = getattr(current_actor(), "id", None)
    now = utcnow()
    row: dict[str, Any] = {}
    for key, settable, default in insert_columns(model):
        value = values.get(key) if settable else None
        if value is None or value == "":
            value = default() if callable(default) else default
        row[key] = value
    row.update(created_by_id=actor_id, updated_by_id=actor_id, created_at=now, updated_at=now, version=1)
    return row


@cache
def insert_columns(model: Any) -> list[tuple[str, bool, Any]]:
    """(column, whether a command sets it, its default: a value or a function) of every non-key column."""
    names = ledger_columns(model)
    columns = []
    for column in model.__table__.columns:
        if column.primary_key:
            continue
        default = column.default
        if default is None or column.key in STAMPS:
            value = None
        elif default.is_scalar:
            value = default.arg
        else:
            value = functools.partial(default.arg, None)  # SQLAlchemy wraps f() as f(context)
        columns.append((column.key, column.key in names, value))
    return columns


@cache
def ledger_columns(model: Any) -> frozenset[str]:
    """The columns a command may set: those declared with field(), and the model's `__derived__` columns a
    derive function of its spec computes."""
    return frozenset(meta.name for meta in column_meta(model)) | frozenset(getattr(model, "__derived__", ()))
