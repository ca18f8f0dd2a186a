"""Column specs of a ledger's workbook, derived from `column_meta(model)`: header, kind, width, and how a
value reads in a cell. The org unit column comes first and is written as the unit's name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import codes
from app.ledger import session
from app.security.scope import org_units_in_territory
from models.base import column_meta
from models.org import OrgUnit

ERROR_HEADER = _l("Error description")
RECORD_NUMBER = _l("Record number")
REQUIRED_MARK = "*"
# column widths in Excel's units (one digit; a Chinese character takes two): sized for the content, so a
# wide ledger still prints legibly when fitted to the page width (app/io/paper.py)
WIDTHS = {"org": 16, "code": 11, "date": 11, "number": 10, "bool": 6, "verbatim": 20, "text": 12}
LONG_TEXT = 60  # a text column longer than this (or unbounded) is written wrapped in a wide column
LONG_WIDTH, MEDIUM_WIDTH = 24, 16


@dataclass(frozen=True)
class ColumnSpec:
    """One workbook column. kind: org | code | date | number | bool | verbatim (ID, phone: kept as
    text, spaces removed) | text."""

    name: str
    label: str
    kind: str
    code_list: str | None = None
    required: bool = False
    natural_key: bool = False
    pii: bool = False
    integer: bool = False
    long_text: bool = False
    description: str = ""
    length: int | None = None

    @property
    def width(self) -> int:
        if self.long_text:
            return LONG_WIDTH
        if self.kind == "verbatim" and self.length:
            return min(self.length + 2, WIDTHS["verbatim"])  # an 11-digit phone needs less than an ID
        if self.kind == "text" and self.length and self.length > 20:
            return MEDIUM_WIDTH
        return WIDTHS[self.kind]


def kind_of(meta: Any, column: Any) -> str:
    if meta.name == "org_id":
        return "org"
    if meta.export in ("code", "date", "number"):
        return str(meta.export)
    if meta.export == "text":
        return "verbatim"
    python_type = column.type.python_type
    if python_type is bool:
        return "bool"
    if python_type in (int, float, Decimal):
        return "number"
    if issubclass(python_type, date):
        return "date"
    return "text"


def specs(model: Any) -> list[ColumnSpec]:
    """The workbook columns of a ledger, org unit first, in declaration order."""
    out = []
    for meta in column_meta(model):
        column = model.__table__.columns[meta.name]
        length = getattr(column.type, "length", None)
        kind = kind_of(meta, column)
        out.append(
            ColumnSpec(
                name=meta.name,
                label=str(meta.label),
                kind=kind,
                code_list=meta.code_list,
                required=meta.required,
                natural_key=meta.natural_key,
                pii=meta.pii,
                integer=column.type.python_type is int,
                long_text=kind == "text" and (length is None or length > LONG_TEXT),
                length=length,
                description=str(meta.description or ""),
            )
        )
    out.sort(key=lambda spec: spec.kind != "org")
    if not any(spec.natural_key for spec in out):  # rows are then identified by their record number
        out.insert(0, ColumnSpec("id", str(RECORD_NUMBER), "number", natural_key=True, integer=True))
    return out


class OrgNames:
    """Unit ↔ the text in the org column: the unit's name, "上级/名称" when the name is not unique in
    the tree; on import also the unit code. Built once per export or import (a few hundred units)."""

    def __init__(self, user: Any) -> None:
        parent = OrgUnit.__table__.alias("parent")
        rows = session().execute(
            select(OrgUnit.id, OrgUnit.code, OrgUnit.name, parent.c.name, OrgUnit.active).outerjoin(
                parent, parent.c.id == OrgUnit.parent_id
            )
        )
        units = list(rows)
        counts: dict[str, int] = {}
        for _, _, name, _, _ in units:
            counts[name] = counts.get(name, 0) + 1
        self.text: dict[int, str] = {}
        self.units: dict[str, int] = {}
        for org_id, code, name, parent_name, _ in units:
            qualified = f"{parent_name}/{name}" if parent_name else name
            self.text[org_id] = name if counts[name] == 1 else qualified
            for key in (code, qualified, name if counts[name] == 1 else None):
                if key:
                    self.units[key] = org_id
        self.ambiguous = {name for name, count in counts.items() if count > 1}
        self.mine = set(session().execute(select(OrgUnit.id).where(org_units_in_territory(user))).scalars())


def code_labels(spec: ColumnSpec) -> dict[str, str]:
    return codes.labels(spec.code_list) if spec.code_list else {}


def header(spec: ColumnSpec, mark_required: bool = False) -> str:
    return spec.label + (REQUIRED_MARK if mark_required and spec.required else "")
