"""Read an uploaded table: .xlsx/.xls through python-calamine, .csv in UTF-8, UTF-8 with BOM or GB18030
(detected). A file over the size limit or of another type is refused with a clear message; so is a sheet
over IMPORT_MAX_ROWS rows or IMPORT_MAX_CELLS cells, measured before calamine allocates it (workbook_size)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from python_calamine import CalamineWorkbook

from app.io.workbook_size import Limits, TooLarge, check_area, check_xlsx

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
SUFFIXES = (*EXCEL_SUFFIXES, ".csv")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class ImportRefused(Exception):
    """The whole file is refused (wrong type, too big, unreadable, wrong template)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = str(message)


def import_dir() -> Path:
    """Where uploads wait between the preview and the commit: instance/imports/."""
    path = Path(current_app.instance_path) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def max_bytes() -> int:
    return int(current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_file(path: Path, filename: str | None = None) -> None:
    suffix = Path(filename or path.name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(_l("Only .xlsx, .xls and .csv files can be imported"))
    limit = max_bytes()
    if path.stat().st_size > limit:
        raise ImportRefused(
            _l(
                "The file is larger than %(limit)d MB; split it into smaller files",
                limit=max(1, limit // (1024 * 1024)),
            )
        )


def read_table(path: Path, filename: str | None = None) -> list[list[Any]]:
    """All rows of the first sheet (or the CSV), as lists of cell values (str, float, date, bool, None)."""
    check_file(path, filename)
    suffix = Path(filename or path.name).suffix.lower()
    if suffix == ".csv":
        return read_csv(path.read_bytes())
    return read_workbook(path, suffix, limits())


def limits() -> Limits:
    config = current_app.config
    return Limits(
        rows=int(config["IMPORT_MAX_ROWS"]),
        cells=int(config["IMPORT_MAX_CELLS"]),
        xml_bytes=int(config["IMPORT_MAX_SHEET_BYTES"]),
    )


def read_workbook(path: Path, suffix: str, limits: Limits) -> list[list[Any]]:
    """The first sheet's rows, streamed; refused by its declared and real size before calamine reads it
    (an .xls, not a zip, is bounded by its format and checked on calamine's own measure of the sheet)."""
    try:
        if suffix != ".xls":
            check_xlsx(path, limits)
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        if sheet.end is None:
            return []
        check_area(sheet.end[0] + 1, sheet.end[1] + 1, limits, declared=False)
        blank_columns = [None] * (
            sheet.start[1] if sheet.start else 0
        )  # iter_rows starts at the first used column
        return [blank_columns + [None if cell == "" else cell for cell in row] for row in sheet.iter_rows()]
    except TooLarge as exc:
        raise ImportRefused(exc.message) from exc
    except Exception as exc:  # calamine and zipfile raise their own types for every kind of broken file
        raise ImportRefused(_l("The file cannot be read as an Excel workbook")) from exc


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ImportRefused(_l("The CSV file is neither UTF-8 nor GB18030 text")) from exc


def read_csv(data: bytes) -> list[list[Any]]:
    return [[cell if cell != "" else None for cell in row] for row in csv.reader(io.StringIO(decode(data)))]
