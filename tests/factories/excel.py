"""Excel files of the import and export tests: workbooks built in memory, sheets read back with
python-calamine, an exported workbook rewritten for a re-import, one ledger emptied, and rows of the
labour-force registry's import sheet."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from python_calamine import CalamineWorkbook

from app.io.columns import specs
from app.ledger import LEDGERS
from models.person import Person
from tests.conftest import first_community
from tests.factories.person import id_for
from tests.ledgers.case import HOME_TOWN

PERSON_ID = id_for(date(1985, 1, 1), 101)  # a man born 1985-01-01


def sheet_rows(data: bytes | Path, index: int = 0) -> list[list[Any]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data)) if isinstance(data, bytes) else None
    if book is None:
        book = CalamineWorkbook.from_path(str(data))
    return book.get_sheet_by_index(index).to_python(skip_empty_area=False)


def sheet_named(data: bytes, name: str) -> list[list[Any]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def workbook(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    """An .xlsx with `header` on the first row; float cells are written as numbers."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for col, text in enumerate(header):
        sheet.write_string(0, col, text)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, float | int) and not isinstance(value, bool):
                sheet.write_number(r, col, value)
            elif value is not None:
                sheet.write_string(r, col, str(value))
    book.close()
    return path


def empty_ledger(model: Any) -> None:
    """Remove one ledger's rows (with the rows referring to them and their history and workflow), keeping
    the rows it refers to: an exported file can then be imported again as new rows."""
    from sqlalchemy import delete

    from app import db
    from models.audit import AuditLog
    from models.base import Model
    from models.workflow import Deadline, WorkflowEvent

    tables = {spec.model.__table__: spec.model for spec in LEDGERS.values()}
    doomed = [model.__table__]
    for table in Model.metadata.sorted_tables:
        if table in tables and any(fk.column.table in doomed for fk in table.foreign_keys):
            doomed.append(table)
    names = [tables[table].__ledger__ for table in doomed]
    with db.engine.begin() as conn:
        for log in (AuditLog, WorkflowEvent, Deadline):
            conn.execute(delete(log).where(log.ledger.in_(names)))
        for table in reversed(doomed):
            conn.execute(delete(table))


def rewrite(path: Path, change: Any = None) -> Path:
    """The exported workbook with its record numbers emptied (they name rows that are gone) and
    `change(header, row_index, row)` applied to each data row."""
    rows = sheet_rows(path)
    head = next(i for i, row in enumerate(rows) if any(str(cell).endswith("机构") for cell in row))
    header = [str(cell) for cell in rows[head]]
    body = []
    for index, row in enumerate(rows[head + 1 :]):
        row = [None if cell == "" else cell for cell in row]
        if "记录编号" in header:
            row[header.index("记录编号")] = None
        if change is not None:
            change(header, index, row)
        body.append(row)
    out = path.with_name(f"re_{path.name}")
    book = xlsxwriter.Workbook(str(out))
    sheet = book.add_worksheet()
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header)
    for r, row in enumerate(body, start=1):
        for c, value in enumerate(row):
            if hasattr(value, "isoformat"):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return out


def person_headers() -> list[str]:
    """The header row of the labour-force registry's import sheet."""
    return [spec.label for spec in specs(Person)]


def person_row(**cells: Any) -> list[Any]:
    """A valid row of the first community of 仁和镇, with some cells replaced (keys: column names)."""
    values = {
        "org_id": first_community(HOME_TOWN).name,
        "id_number": PERSON_ID,
        "name": "张三",
        "hukou_type": "农村",
        "employment_status": "22",
        "education": "大学本科",
        "phone": "13800138000",
        "able_to_work": "是",
        **cells,
    }
    return [values.get(spec.name) for spec in specs(Person)]
