"""How ledger rows load: no right-nested joins (SQLite materialises `LEFT OUTER JOIN (person JOIN org_unit)`
for every person of the registry on each query)."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app import db
from app.ledger import LEDGERS


def test_loading_a_ledger_row__joins_its_references_flat(app: Flask) -> None:
    nested = {}
    for name, spec in LEDGERS.items():
        sql = " ".join(str(select(spec.model).compile(db.engine)).split())
        if "JOIN (" in sql:
            nested[name] = sql
    assert len(LEDGERS) > 20 and nested == {}
