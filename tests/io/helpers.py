"""Helpers of the Excel tests: every registered ledger with its LedgerCase, workbooks built in memory,
and sheets read back with python-calamine."""

from __future__ import annotations

import importlib
import io
import pkgutil
from pathlib import Path
from typing import Any

import xlsxwriter
from python_calamine import CalamineWorkbook

import tests.ledgers
import views
from app.ledger import LEDGERS
from tests.ledgers.case import CASES, LedgerCase


def registered_ledgers() -> list[str]:
    """Registry names of every ledger view (imported here so parametrize sees ledgers added later)."""
    for package in (views, tests.ledgers):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    return sorted(LEDGERS)


def case(name: str) -> LedgerCase:
    return CASES[name]()


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
