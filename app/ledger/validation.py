"""The one validation path of every write (form, API, import, command line, background task): typed values,
required fields, code lists, references, natural keys, dates that cannot lie in the future, the model's own
clean() and the checks and derived values of the ledger's spec (app/ledger/registry.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, select
from sqlalchemy.orm import aliased

from app import clock, codes
from app.ledger import bulk as bulk_mode
from app.ledger import registry
from app.ledger.base import INT_MAX, session
from app.security.scope import current_actor, in_territory
from models.base import column_meta
from models.org import OrgUnit

# yes/no given as text (API, import): form checkboxes post "y"
BOOLEAN_TEXT = {t: True for t in ("1", "true", "y", "yes", "on", "是")} | {
    f: False for f in ("0", "false", "n", "no", "off", "否")
}


def validate_values(model: type, values: dict[str, Any], existing: Any = None) -> dict[str, Any]:
    """The one validation path: required fields, code lists, natural keys, then the model's own clean(),
    the dates declared `not_future` (after clean(), which may normalise them: a month to its first day) and
    the checks and derived values of the ledger's spec. Normalises `values` in place (codes given as labels,
    ID numbers, derived fields). A value that is not of its column's type is refused before the rest look at it."""
    errors: dict[str, Any] = coerce_values(model, values)
    unreadable = {name: values.pop(name) for name in errors if name in values}  # clean() never sees raw text
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
    errors.update({k: v for k, v in keeping_unit_errors(model, values, existing).items() if k not in errors})
    clean = getattr(model, "clean", None)
    if clean is not None:
        errors.update({k: v for k, v in clean(values).items() if k not in errors})
    errors.update({k: v for k, v in future_date_errors(model, values).items() if k not in errors})
    spec = registry.spec_of(model)
    for check in spec.checks if spec is not None else ():
        errors.update({k: v for k, v in check(values, existing).items() if k not in errors})
    if not errors and spec is not None:
        for derive in spec.derive:
            errors.update(derive(values, existing))
    for name, required, natural_key in checked:
        if required and values.get(name) in (None, "") and name not in errors:
            if name in values or existing is None:
                errors[name] = _l("This field is required")
        if natural_key and values.get(name) and name not in errors:
            clash = natural_key_clash(model, name, values[name], existing)
            if clash is not None:
                errors[name] = clash_message(clash)
    values.update(unreadable)
    return errors


def keeping_unit_errors(model: type, values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """A new record of a ledger kept by communities (its spec's `kept_by_community`: the persons) lands on a
    community, or on a town only where no community lies below it: the form, the API and an import alike.
    A transfer (app/ledger/commands.transfer) may still hand a record up to its town."""
    spec = registry.spec_of(model)
    org_id = values.get("org_id")
    if existing is not None or spec is None or not spec.kept_by_community or not isinstance(org_id, int):
        return {}
    if org_id not in units_with_communities():
        return {}
    unit = session().get(OrgUnit, org_id)
    return {
        "org_id": _l(
            "%(unit)s has communities below it: a %(ledger)s record is kept by one of them; choose the community",
            unit=unit.name if unit is not None else org_id,
            ledger=model.__ledger_label__,  # type: ignore[attr-defined]
        )
    }


def has_units_below() -> Any:
    """SQL: the org unit has an active unit below it (a town with communities), so it does not keep the
    records of a ledger kept by communities itself (the add form's unit choices say the same)."""
    child = aliased(OrgUnit)
    return select(child.id).where(child.parent_id == OrgUnit.id, child.active.is_(True)).exists()


def units_with_communities() -> set[int]:
    """The units with an active unit below them: read once per import (bulk mode), else per call."""
    bulk = bulk_mode.current()
    if bulk is not None and bulk.parents is not None:
        return bulk.parents
    parents = set(session().execute(select(OrgUnit.id).where(has_units_below())).scalars())
    if bulk is not None:
        bulk.parents = parents
    return parents


def clash_message(clash: OrgUnit) -> Any:
    """Where the other record is, named only inside the user's territory (another town's unit is not theirs
    to know): outside it, the district moves records between towns."""
    if in_territory(clash, current_actor()):
        return _l("Already registered at %(org)s; use a transfer to move the record", org=clash.name)
    return _l(
        "Already registered in another unit outside your territory; ask the district office to transfer the"
        " record to you"
    )


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


def future_date_errors(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """The dates given for columns declared `field(..., not_future=True)` that lie after today (Beijing)."""
    errors: dict[str, Any] = {}
    today = None
    for name, message in future_dates(model):
        value = values.get(name)
        if not isinstance(value, date):
            continue
        today = today or clock.today()
        if value > today:
            errors[name] = message or _l("The date cannot be in the future")
    return errors


@cache
def future_dates(model: type) -> tuple[tuple[str, Any], ...]:
    """(column, its own refusal or None) of each ledger column declared `not_future`."""
    return tuple((meta.name, meta.future_message) for meta in column_meta(model) if meta.not_future)


def code_of(list_key: str, value: Any) -> str | None:
    """codes.lookup, from the code list as it was when an import started (bulk mode) or as it is now."""
    bulk = bulk_mode.current()
    if bulk is None:
        return codes.lookup(list_key, value)
    mapping = bulk.code_maps.get(list_key)
    if mapping is None:
        mapping = bulk.code_maps[list_key] = codes.lookup_map(list_key)
    return mapping.get(str(value).strip())


def coerce_values(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """Dates, whole numbers and yes/no given as text (API, import) become typed values, blank text None;
    errors otherwise."""
    errors: dict[str, Any] = {}
    for key, convert in text_columns(model):
        value = values.get(key)
        if not isinstance(value, str):
            continue
        if not value.strip():  # blank text is no value, never text compared with a number or a date
            values[key] = None
            continue
        try:
            values[key] = convert(value.strip())
        except (ValueError, KeyError):
            errors[key] = _l("Not a valid value: %(value)s", value=value)
    for key, convert in text_columns(model):  # a whole number (a row id too) fits an INTEGER column
        value = values.get(key)
        if convert is int and value is not None and key not in errors and not whole_number(value):
            errors[key] = _l("Not a valid value: %(value)s", value=value)
    for key, step in decimal_columns(model):
        value = values.get(key)
        if isinstance(value, str) and not value.strip():
            values[key] = None
            continue
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


def whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -INT_MAX - 1 <= value <= INT_MAX


@cache
def text_columns(model: type) -> list[tuple[str, Callable[[str], Any]]]:
    """The ledger columns whose text needs converting: dates, whole numbers and yes/no."""
    columns: list[tuple[str, Callable[[str], Any]]] = []
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
    for key, target, public in references(model, len(registry.LEDGERS)):
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
    tables = {model.__table__: model for model in registry.models()}
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
    bulk = bulk_mode.current()
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
