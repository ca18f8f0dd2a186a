"""The ledger registry and the ledger commands.

A ledger is one model (on LedgerMixin, with column metadata) plus one declarative LedgerView. Views
register themselves here; menus, the REST API, Excel I/O and the generic tests find ledgers through
`LEDGERS`. Every write — form, API, import, command line — goes through the commands below, which run the
one validation path, the territorial guard and the version check, and leave the change history to the
flush listener. In bulk mode (an import, `bulk_writes`) every row still goes through the same checks, but
new rows are written by one INSERT per batch with their history entries built by app.audit as the
listener would (`flush_bulk`).
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, func, insert, select
from sqlalchemy.exc import DatabaseError

from app import audit, codes
from app.audit import ACTION_KEY, COMMENT_KEY
from app.security.scope import current_actor, in_territory
from models.audit import AuditLog
from models.base import LedgerMixin, column_meta, utcnow
from models.org import OrgUnit

LEDGERS: dict[str, Any] = {}  # registry name -> LedgerView subclass


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


_bulk: contextvars.ContextVar[Bulk | None] = contextvars.ContextVar("ledger_bulk", default=None)

AFTER_UPDATE: list[Callable[[Any, dict[str, Any]], None]] = []  # (row, values before the update)
# ledger name -> hooks run on each new row of that ledger (flushed); a ledger with hooks is never bulk-written
AFTER_CREATE: dict[str, list[Callable[[Any], None]]] = {}
# derived fields computed from reference data (e.g. a subsidy amount from the policy parameters in force):
# (model, values, existing row or None) -> errors; may add derived values to `values`
DERIVE: list[Callable[[type, dict[str, Any], Any], dict[str, Any]]] = []

# ledger name -> checks that need the database (other rows, the stored row): (values, existing) -> errors.
# They run after the model's clean() on every write path and may normalise `values` like clean() does.
VALIDATORS: dict[str, list[Callable[[dict[str, Any], Any], dict[str, Any]]]] = {}
# yes/no given as text (API, import): form checkboxes post "y"
BOOLEAN_TEXT = {t: True for t in ("1", "true", "y", "yes", "on", "是")} | {
    f: False for f in ("0", "false", "n", "no", "off", "否")
}

STALE_MESSAGE = _l("This record was changed by someone else; please refresh and try again")


@dataclass
class LedgerError(Exception):
    """A refused write: field → message, plus a message for the whole record (key "")."""

    errors: dict[str, Any]

    def __str__(self) -> str:
        return "; ".join(str(message) for message in self.errors.values())


def register(view_class: Any) -> None:
    name = view_class.datamodel.obj.__ledger__
    LEDGERS[name] = view_class


def ledger_model(name: str) -> type[LedgerMixin]:
    return LEDGERS[name].datamodel.obj  # type: ignore[no-any-return]


def session() -> Any:
    return current_app.appbuilder.session


def validate_values(model: type, values: dict[str, Any], existing: Any = None) -> dict[str, Any]:
    """The one validation path: required fields, code lists, natural keys, then the model's own clean()
    and the checks registered for the ledger in VALIDATORS. Normalises `values` in place (codes given as labels, ID numbers, derived fields)."""
    errors: dict[str, Any] = coerce_values(model, values)
    names, coded, checked = validation_plan(model)
    for name in names:
        value = values.get(name)
        if isinstance(value, str):
            values[name] = value.strip()
    for name, code_list in coded:
        value = values.get(name)
        if value not in (None, ""):
            code = code_of(code_list, value)
            if code is None and not (existing is not None and getattr(existing, name) == value):
                errors[name] = _l("Unknown code: %(value)s", value=value)
            else:
                values[name] = code or value
    errors.update({k: v for k, v in reference_errors(model, values, existing).items() if k not in errors})
    clean = getattr(model, "clean", None)
    if clean is not None:
        errors.update({k: v for k, v in clean(values).items() if k not in errors})
    for check in VALIDATORS.get(getattr(model, "__ledger__", ""), []):
        errors.update({k: v for k, v in check(values, existing).items() if k not in errors})
    if not errors:
        for derive in DERIVE:
            errors.update(derive(model, values, existing))
    for name, required, natural_key in checked:
        if required and values.get(name) in (None, "") and name not in errors:
            if name in values or existing is None:
                errors[name] = _l("This field is required")
        if natural_key and values.get(name) and name not in errors:
            clash = natural_key_clash(model, name, values[name], existing)
            if clash is not None:
                errors[name] = _l(
                    "Already registered at %(org)s; use a transfer to move the record", org=clash.name
                )
    return errors


@cache
def validation_plan(model: type) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[Any, ...]]:
    """validate_values' view of a model's columns, worked out once: every ledger column; the coded ones
    with their list; the required or natural-key ones."""
    metas = column_meta(model)
    return (
        tuple(meta.name for meta in metas),
        tuple((meta.name, meta.code_list) for meta in metas if meta.code_list),
        tuple(
            (meta.name, meta.required, meta.natural_key)
            for meta in metas
            if meta.required or meta.natural_key
        ),
    )


def code_of(list_key: str, value: Any) -> str | None:
    """codes.lookup, from the code list as it was when an import started (bulk mode) or as it is now."""
    bulk = _bulk.get()
    if bulk is None:
        return codes.lookup(list_key, value)
    mapping = bulk.code_maps.get(list_key)
    if mapping is None:
        mapping = bulk.code_maps[list_key] = codes.lookup_map(list_key)
    return mapping.get(str(value).strip())


def coerce_values(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """Dates, whole numbers and yes/no given as text (API, import) become typed values; errors otherwise."""
    errors: dict[str, Any] = {}
    for key, convert in text_columns(model):
        value = values.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            values[key] = convert(value.strip())
        except (ValueError, KeyError):
            errors[key] = _l("Not a valid value: %(value)s", value=value)
    for key, step in decimal_columns(model):
        value = values.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, (str, int, float, Decimal))
            or str(value).strip() == ""
        ):
            continue
        try:  # an amount reads the same from a form, the API or a workbook's float cell: Decimal at its scale
            values[key] = Decimal(str(value).strip()).quantize(step)
        except InvalidOperation:
            errors[key] = _l("Not a valid value: %(value)s", value=value)
    return errors


@cache
def decimal_columns(model: type) -> list[tuple[str, Decimal]]:
    """The ledger's fixed-point columns (amounts) with the step of their scale, e.g. Decimal("0.01")."""
    return [
        (column.key, Decimal(1).scaleb(-(column.type.scale or 0)))
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if "label" in column.info and isinstance(column.type, Numeric) and not isinstance(column.type, Float)
    ]


@cache
def text_columns(model: type) -> list[tuple[str, Callable[[str], Any]]]:
    """The ledger columns whose text needs converting: dates, whole numbers and yes/no."""
    columns = []
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        if "label" not in column.info:
            continue
        if isinstance(column.type, Date) and not isinstance(column.type, DateTime):
            columns.append((column.key, date.fromisoformat))
        elif isinstance(column.type, Integer):
            columns.append((column.key, int))
        elif isinstance(column.type, Boolean):
            columns.append((column.key, lambda text: BOOLEAN_TEXT[text.lower()]))
    return columns


def reference_errors(model: type, values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """A column referring to another ledger's row must name a live row inside the actor's territory."""
    errors: dict[str, Any] = {}
    for key, target, public in references(model, len(LEDGERS)):
        value = values.get(key)
        if value in (None, "") or key in errors:
            continue
        if existing is not None and getattr(existing, key) == value:
            continue
        row = session().get(target, value) if isinstance(value, int) else None
        if (
            row is None
            or row.voided_at is not None
            or (not public and not in_territory(row.org, current_actor()))
        ):
            errors[key] = _l(
                "No %(ledger)s record number %(value)s in your territory",
                ledger=target.__ledger_label__,
                value=value,
            )
    return errors


@cache
def references(model: type, registered: int) -> list[tuple[str, Any, bool]]:
    """(column, ledger model, public) of each ledger column pointing at another ledger's rows (public: any row
    of the district may be named, e.g. a published vacancy); `registered` (the registry's size) renews the
    answer when ledgers are registered later."""
    tables = {view.datamodel.obj.__table__: view.datamodel.obj for view in LEDGERS.values()}
    return [
        (column.key, tables[foreign_key.column.table], bool(column.info.get("public")))
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if "label" in column.info
        for foreign_key in column.foreign_keys
        if foreign_key.column.table in tables
    ]


def natural_key_clash(model: Any, column: str, value: Any, existing: Any) -> OrgUnit | None:
    """The unit of another row (anywhere in the district, voided or not) with the same natural key."""
    own_id = existing.id if existing is not None else None
    bulk = _bulk.get()
    if bulk is not None and column in bulk.keys:
        entry = bulk.keys[column].get(value)
        if entry is None or (own_id is not None and entry[0] == own_id):
            return None
        return session().get(OrgUnit, entry[1])
    query = select(model.org_id).where(getattr(model, column) == value)
    if own_id is not None:
        query = query.where(model.id != own_id)
    org_id = session().execute(query.limit(1)).scalar()
    return session().get(OrgUnit, org_id) if org_id is not None else None


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
    DERIVE hook computes."""
    return frozenset(meta.name for meta in column_meta(model)) | frozenset(getattr(model, "__derived__", ()))


def check_org(org_id: Any) -> OrgUnit:
    bulk = _bulk.get()
    if bulk is None:
        return checked_org(org_id)
    if org_id not in bulk.orgs:
        try:
            bulk.orgs[org_id] = checked_org(org_id)
        except LedgerError as exc:
            bulk.orgs[org_id] = exc
    answer = bulk.orgs[org_id]
    if isinstance(answer, LedgerError):
        raise LedgerError(dict(answer.errors))
    return answer


def checked_org(org_id: Any) -> OrgUnit:
    org = session().get(OrgUnit, org_id) if org_id else None
    if org is None:
        raise LedgerError({"org_id": _l("This field is required")})
    if not in_territory(org, current_actor()):
        raise LedgerError({"org_id": _l("%(org)s is outside your territory", org=org.name)})
    if not org.active:
        raise LedgerError({"org_id": _l("%(org)s has been deactivated", org=org.name)})
    return org


def check_version(obj: Any, expected_version: Any) -> None:
    if expected_version in (None, ""):
        raise LedgerError({"": _l("The record version is missing; please refresh and try again")})
    if int(expected_version) != obj.version:
        raise LedgerError({"": STALE_MESSAGE})


def assign(obj: Any, values: dict[str, Any]) -> None:
    names = ledger_columns(type(obj))
    for key, value in values.items():
        if key in names:
            setattr(obj, key, None if value == "" else value)


def create(model: type, values: dict[str, Any]) -> Any:
    """Add a ledger row inside the actor's territory (not committed). In bulk mode (an import) the
    validated row of a ledger without a workflow is queued for flush_bulk() and returned as a dict."""
    values = dict(values)
    errors = validate_values(model, values)
    try:
        check_org(values.get("org_id"))
    except LedgerError as exc:
        errors.update(exc.errors)
    if errors:
        raise LedgerError(errors)
    from app.workflow.commands import start  # the workflow layer builds on this module

    bulk = _bulk.get()
    if bulk is not None and bulk.model is model and batched(model):
        row = new_row(model, values)  # written by flush_bulk() with the batch
        bulk.pending.append(row)
        for column, keys in bulk.keys.items():  # the new row's keys clash with later rows of the batch
            keys[row.get(column)] = (None, row["org_id"])
        return row
    obj = model()
    assign(obj, values)
    session().add(obj)
    start(obj)
    if bulk is None:
        session().flush()
    else:
        for column, keys in bulk.keys.items():
            keys[values.get(column)] = (None, obj.org_id)
    for hook in AFTER_CREATE.get(model.__ledger__, []):
        hook(obj)
    return obj


def batched(model: Any) -> bool:
    """Whether an import may queue the model's new rows for one batched INSERT: not when a row's creation
    does more (a workflow starts, AFTER_CREATE hooks) or its checks read other rows (VALIDATORS), which
    must see the rows before it."""
    from app.workflow.commands import workflow_of

    name = model.__ledger__
    return workflow_of(model) is None and not AFTER_CREATE.get(name) and not VALIDATORS.get(name)


def update(obj: Any, values: dict[str, Any], expected_version: Any) -> Any:
    """Change a ledger row; the org unit only changes through transfer()."""
    check_version(obj, expected_version)
    if obj.voided_at is not None:
        raise LedgerError({"": _l("A voided record cannot be edited")})
    values = {k: v for k, v in values.items() if k != "org_id"}
    errors = validate_values(type(obj), values, existing=obj)
    if errors:
        raise LedgerError(errors)
    before = {name: getattr(obj, name) for name in values if hasattr(obj, name)}
    assign(obj, values)
    for hook in AFTER_UPDATE:
        hook(obj, before)
    if _bulk.get() is None:
        session().flush()
    return obj


def transfer(obj: Any, org_id: Any, reason: str, expected_version: Any) -> Any:
    """Move a row to another unit of the actor's territory, with the reason in the history."""
    check_version(obj, expected_version)
    if not (reason or "").strip():
        raise LedgerError({"reason": _l("Please give a reason")})
    org = check_org(org_id)
    obj.org_id = org.id
    session().info[COMMENT_KEY] = reason.strip()
    session().info[ACTION_KEY] = "transfer"
    session().flush()
    return obj


def void(obj: Any, reason: str) -> Any:
    """作废: the row stays, hidden from lists, with who, when and why in the history."""
    if not (reason or "").strip():
        raise LedgerError({"reason": _l("Please give a reason for voiding")})
    if obj.voided_at is not None:
        raise LedgerError({"": _l("The record is already voided")})
    obj.voided_at = utcnow()
    obj.voided_by_id = getattr(current_actor(), "id", None)
    obj.void_reason = reason.strip()
    session().info[COMMENT_KEY] = reason.strip()
    session().flush()
    return obj


def restore(obj: Any, reason: str = "") -> Any:
    if obj.voided_at is None:
        raise LedgerError({"": _l("The record is not voided")})
    obj.voided_at = None
    obj.voided_by_id = None
    obj.void_reason = None
    session().info[COMMENT_KEY] = reason.strip() or None
    session().flush()
    return obj
