"""Which columns of a ledger a user may type in and which are personal data: read once from the column
metadata (models/base.py `field(pii=, readonly=)`, the model's `__derived__`), so every ledger's forms, API,
import, search, export and history obey the same lists."""

from __future__ import annotations

from functools import cache
from typing import Any

from models.base import column_meta

SYSTEM = frozenset(
    {
        "id",
        "version",
        "state",
        "voided_at",
        "voided_by_id",
        "void_reason",
        "created_at",
        "created_by_id",
        "updated_at",
        "updated_by_id",
    }
)


@cache
def pii_columns(model: Any) -> frozenset[str]:
    """Personal data (ID number, phone, birth date, number lists): masked for users without the PII
    permission, and never a search, filter or sort column for them."""
    return frozenset(meta.name for meta in column_meta(model) if meta.pii)


@cache
def derived_columns(model: Any) -> frozenset[str]:
    """What the ledger's rules compute (the model's `__derived__`) or its workflow and hooks write
    (`field(readonly=True)`): never written by a form, the API or an import."""
    readonly = {meta.name for meta in column_meta(model) if meta.readonly}
    return frozenset(getattr(model, "__derived__", ())) | readonly


@cache
def editable_columns(model: Any) -> frozenset[str]:
    """The columns a clerk may type in (the org unit only on create: it changes by transfer)."""
    return frozenset(meta.name for meta in column_meta(model)) - derived_columns(model)


@cache
def unwritable_columns(model: Any) -> frozenset[str]:
    """Every column and relationship of the model that no write request may name (derived, system,
    workflow state), besides the org unit of an existing row."""
    mapper = model.__mapper__
    editable = editable_columns(model)
    references = {  # a reference may be named by its relationship (person for person_id)
        relation.key
        for relation in mapper.relationships
        if {column.key for column in relation.local_columns} <= editable
    }
    names = {column.key for column in mapper.column_attrs} | set(mapper.relationships.keys())
    return frozenset(names | SYSTEM) - editable - references


def writable(model: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The values without those a write may not set (the rules compute them afresh)."""
    refused = derived_columns(model) | SYSTEM
    return {key: value for key, value in values.items() if key not in refused}
