"""The ledger registry and the ledger commands.

A ledger is one model (on LedgerMixin, with column metadata) plus one declarative LedgerView. Views
register themselves here; menus, the REST API, Excel I/O and the generic tests find ledgers through
`LEDGERS`. Every write — form, API, import, command line — goes through the commands below, which run the
one validation path, the territorial guard and the version check, and leave the change history to the
flush listener.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, Integer, select

from app import codes
from app.audit import ACTION_KEY, COMMENT_KEY
from app.security.scope import current_actor, in_territory
from models.base import LedgerMixin, column_meta, utcnow
from models.org import OrgUnit

LEDGERS: dict[str, Any] = {}  # registry name -> LedgerView subclass

# bulk mode (imports): natural keys answered from one preloaded map, rows flushed by the caller in batches
_bulk: contextvars.ContextVar[dict[str, dict[Any, tuple[int | None, int]]] | None] = contextvars.ContextVar(
    "ledger_bulk", default=None
)

AFTER_UPDATE: list[Callable[[Any, dict[str, Any]], None]] = []  # (row, values before the update)
# derived fields computed from reference data (e.g. a subsidy amount from the policy parameters in force):
# (model, values, existing row or None) -> errors; may add derived values to `values`
DERIVE: list[Callable[[type, dict[str, Any], Any], dict[str, Any]]] = []

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
    """The one validation path: required fields, code lists, natural keys, then the model's own clean().
    Normalises `values` in place (codes given as labels, ID numbers, derived fields)."""
    errors: dict[str, Any] = coerce_values(model, values)
    metas = column_meta(model)
    for meta in metas:
        value = values.get(meta.name)
        if isinstance(value, str):
            value = values[meta.name] = value.strip()
        if meta.code_list and value not in (None, ""):
            code = codes.lookup(meta.code_list, value)
            if code is None and not (existing is not None and getattr(existing, meta.name) == value):
                errors[meta.name] = _l("Unknown code: %(value)s", value=value)
            else:
                values[meta.name] = code or value
    errors.update({k: v for k, v in reference_errors(model, values, existing).items() if k not in errors})
    clean = getattr(model, "clean", None)
    if clean is not None:
        errors.update({k: v for k, v in clean(values).items() if k not in errors})
    if not errors:
        for derive in DERIVE:
            errors.update(derive(model, values, existing))
    for meta in metas:
        if meta.required and values.get(meta.name) in (None, "") and meta.name not in errors:
            if meta.name in values or existing is None:
                errors[meta.name] = _l("This field is required")
        if meta.natural_key and values.get(meta.name) and meta.name not in errors:
            clash = natural_key_clash(model, meta.name, values[meta.name], existing)
            if clash is not None:
                errors[meta.name] = _l(
                    "Already registered at %(org)s; use a transfer to move the record", org=clash.name
                )
    return errors


def coerce_values(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """Dates, whole numbers and yes/no given as text (API, import) become typed values; errors otherwise."""
    errors: dict[str, Any] = {}
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        value = values.get(column.key)
        if "label" not in column.info or not isinstance(value, str) or not value.strip():
            continue
        try:
            if isinstance(column.type, Date) and not isinstance(column.type, DateTime):
                values[column.key] = date.fromisoformat(value.strip())
            elif isinstance(column.type, Integer):
                values[column.key] = int(value.strip())
            elif isinstance(column.type, Boolean):
                values[column.key] = BOOLEAN_TEXT[value.strip().lower()]
        except (ValueError, KeyError):
            errors[column.key] = _l("Not a valid value: %(value)s", value=value)
    return errors


def reference_errors(model: type, values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """A column referring to another ledger's row must name a live row inside the actor's territory."""
    errors: dict[str, Any] = {}
    tables = {view.datamodel.obj.__table__: view.datamodel.obj for view in LEDGERS.values()}
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        value = values.get(column.key)
        if "label" not in column.info or value in (None, "") or column.key in errors:
            continue
        if existing is not None and getattr(existing, column.key) == value:
            continue
        for foreign_key in column.foreign_keys:
            target = tables.get(foreign_key.column.table)
            if target is None:
                continue
            row = session().get(target, value) if isinstance(value, int) else None
            if row is None or row.voided_at is not None or not in_territory(row.org, current_actor()):
                errors[column.key] = _l(
                    "No %(ledger)s record number %(value)s in your territory",
                    ledger=target.__ledger_label__,
                    value=value,
                )
    return errors


def natural_key_clash(model: Any, column: str, value: Any, existing: Any) -> OrgUnit | None:
    """The unit of another row (anywhere in the district, voided or not) with the same natural key."""
    own_id = existing.id if existing is not None else None
    index = _bulk.get()
    if index is not None and column in index:
        entry = index[column].get(value)
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
    per row, and let create() leave the flush to the caller. Every check of the commands still runs."""
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
    token = _bulk.set(index)
    try:
        yield index
    finally:
        _bulk.reset(token)


def check_org(org_id: Any) -> OrgUnit:
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
    """Set the ledger columns given (and the model's `__derived__` columns a DERIVE hook computed)."""
    names = {meta.name for meta in column_meta(type(obj))} | set(getattr(type(obj), "__derived__", ()))
    for key, value in values.items():
        if key in names:
            setattr(obj, key, None if value == "" else value)


def create(model: type, values: dict[str, Any]) -> Any:
    """Add a ledger row inside the actor's territory (not committed)."""
    values = dict(values)
    errors = validate_values(model, values)
    try:
        check_org(values.get("org_id"))
    except LedgerError as exc:
        errors.update(exc.errors)
    if errors:
        raise LedgerError(errors)
    obj = model()
    assign(obj, values)
    session().add(obj)
    from app.workflow.commands import start  # the workflow layer builds on this module

    start(obj)
    index = _bulk.get()
    if index is None:
        session().flush()
    else:  # the new row's keys clash with later rows of the same batch
        for column, keys in index.items():
            keys[values.get(column)] = (None, obj.org_id)
    return obj


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
