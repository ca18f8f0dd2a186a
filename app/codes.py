"""Code-list look-ups for display, forms, export and import. Items are cached per process (code lists change
rarely): an edit moves the cache's shared generation on (app/shared.py), so every worker reloads on its next
request; outside requests, and after an edit made outside the app, the copy lives a minute at most."""

from __future__ import annotations

import time
from typing import Any

from flask import current_app
from sqlalchemy import select

from app import shared
from models.codes import CodeItem

TTL_SECONDS = 60
_cache: dict[str, Any] = {"at": 0.0, "items": {}}


def _items() -> dict[str, list[CodeItem]]:
    current = shared.generation("codes")
    changed = current is not None and current != _cache.get("generation")
    if changed or time.monotonic() - _cache["at"] > TTL_SECONDS or not _cache["items"]:
        session = current_app.appbuilder.session  # type: ignore[attr-defined]
        rows = session.execute(select(CodeItem).order_by(CodeItem.list_key, CodeItem.sort, CodeItem.code))
        grouped: dict[str, list[Any]] = {}
        for item in rows.scalars():
            grouped.setdefault(item.list_key, []).append((item.code, item.label, item.active))
        _cache.update(at=time.monotonic(), items=grouped, generation=current)
    return _cache["items"]


def clear_cache() -> None:
    """This process's copy only (a new app)."""
    _cache.update(at=0.0, items={})


def changed() -> None:
    """After an edit of a code list: every process reloads the lists on its next request."""
    shared.invalidate("codes")
    clear_cache()


def labels(list_key: str) -> dict[str, str]:
    """code → label for every item, active or not (old rows keep their label)."""
    return {code: label for code, label, _ in _items().get(list_key, [])}


def choices(list_key: str) -> list[tuple[str, str]]:
    """(code, label) of the active items, in display order."""
    return [(code, label) for code, label, active in _items().get(list_key, []) if active]


def label(list_key: str, code: str | None) -> str:
    if code is None or code == "":
        return ""
    return labels(list_key).get(code, code)


def lookup(list_key: str, text: Any) -> str | None:
    """The code for `text` given as a code or as a label (import accepts both); None when unknown."""
    return lookup_map(list_key).get(str(text).strip())


def lookup_map(list_key: str) -> dict[str, str]:
    """What lookup() answers for one list: text (a code or a label) -> code."""
    return _lookups().get(list_key, {})


def _lookups() -> dict[str, dict[str, str]]:
    """Per list, text -> code over the active items: a code stands for itself before any label is read
    as a code, and the first item with a label wins (an import asks for every coded cell of every row)."""
    items = _items()
    if _cache.get("lookups_of") is not items:
        maps: dict[str, dict[str, str]] = {}
        for list_key, entries in items.items():
            active = [(code, name) for code, name, is_active in entries if is_active]
            mapping: dict[str, str] = {}
            for code, name in active:
                mapping.setdefault(name, code)
            mapping.update((code, code) for code, _ in active)
            maps[list_key] = mapping
        _cache.update(lookups=maps, lookups_of=items)
    return _cache["lookups"]


def is_referenced(model: Any, item: CodeItem) -> bool:
    """Whether any row of a ledger model uses this code-list item."""
    from models.base import column_meta

    session = current_app.appbuilder.session  # type: ignore[attr-defined]
    for meta in column_meta(model):
        if meta.code_list == item.list_key:
            column = getattr(model, meta.name)
            if session.execute(select(column).where(column == item.code).limit(1)).first():
                return True
    return False
