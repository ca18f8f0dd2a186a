"""The size of an .xlsx's first sheet, measured from its XML before calamine reads it: calamine allocates the
whole rectangle from A1 to the last cell at once, so a tiny file whose sheet declares (or holds a cell at)
XFD1048576 would ask for ~512 GB and abort the process. The sheet part is streamed with a byte cap (a zip
bomb stops at the cap), and its declared dimension and the furthest cell are checked against the limits."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from flask_babel import lazy_gettext as _l

CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """At most `rows` rows, `cells` cells (rows × columns of the rectangle from A1) and `xml_bytes` bytes of
    uncompressed sheet XML."""

    rows: int
    cells: int
    xml_bytes: int


class TooLarge(Exception):
    """The workbook exceeds a limit; `message` says the limit and the file's size."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = str(message)


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def cell_position(ref: str) -> tuple[int, int] | None:
    """(row, column), 1-based, of a cell reference like "AB12" (None when it is not one)."""
    match = CELL_REF.fullmatch(ref.strip().upper())
    return (int(match.group(2)), column_number(match.group(1))) if match else None


def check_area(rows: int, columns: int, limits: Limits, declared: bool) -> None:
    """Refuse a rectangle of `rows` × `columns` over the row or cell limit."""
    if rows <= limits.rows and rows * columns <= limits.cells:
        return
    figures = {
        "rows": rows,
        "columns": columns,
        "cells": rows * columns,
        "max_rows": limits.rows,
        "max_cells": limits.cells,
    }
    text = (
        _l(
            "The sheet declares %(rows)d rows × %(columns)d columns (%(cells)d cells); at most %(max_rows)d rows "
            "and %(max_cells)d cells can be imported: split the file",
            **figures,
        )
        if declared
        else _l(
            "The sheet has %(rows)d rows × %(columns)d columns (%(cells)d cells); at most %(max_rows)d rows "
            "and %(max_cells)d cells can be imported: split the file",
            **figures,
        )
    )
    raise TooLarge(text)


def first_sheet_part(archive: zipfile.ZipFile) -> str:
    """The zip member of the workbook's first sheet (the one calamine reads as index 0)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheet = next((el for el in workbook.iter() if el.tag.rsplit("}", 1)[-1] == "sheet"), None)
    rel_id = sheet.get(f"{{{REL_NS}}}id") if sheet is not None else None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rel_id and rel.get("Target"):
            target = str(rel.get("Target"))
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    raise KeyError("first sheet")


class CappedStream:
    """A file-like view of a zip member that refuses to give more than `cap` bytes (a zip bomb stops here)."""

    def __init__(self, raw: IO[bytes], cap: int) -> None:
        self.raw = raw
        self.cap = cap
        self.read_bytes = 0

    def read(self, size: int = CHUNK) -> bytes:
        data = self.raw.read(size if size and size > 0 else CHUNK)
        self.read_bytes += len(data)
        if self.read_bytes > self.cap:
            raise TooLarge(too_much_xml(self.read_bytes, self.cap))
        return data


def too_much_xml(size: int, cap: int) -> object:
    return _l(
        "The sheet is more than %(size)d MB once uncompressed; at most %(limit)d MB can be imported: split the file",
        size=max(1, size // (1024 * 1024)),
        limit=max(1, cap // (1024 * 1024)),
    )


def check_xlsx(path: Path, limits: Limits) -> None:
    """Refuse the first sheet of an .xlsx/.xlsm over the limits, reading its XML once in bounded memory;
    raises TooLarge (or zipfile/XML errors for a broken file)."""
    with zipfile.ZipFile(path) as archive:
        part = first_sheet_part(archive)
        declared = archive.getinfo(part).file_size
        if declared > limits.xml_bytes:
            raise TooLarge(too_much_xml(declared, limits.xml_bytes))
        with archive.open(part) as raw:
            scan_sheet(CappedStream(raw, limits.xml_bytes), limits)


def scan_sheet(stream: CappedStream, limits: Limits) -> None:
    """Check the declared <dimension ref> first, then the furthest row and column of the cells themselves."""
    last_row = last_column = 0
    rows_parent: ElementTree.Element | None = None
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start":
            rows_parent = element if tag == "sheetData" else rows_parent
        elif tag == "dimension":
            ends = [cell_position(ref) for ref in str(element.get("ref", "")).split(":")]
            if ends and all(ends):
                check_area(max(e[0] for e in ends if e), max(e[1] for e in ends if e), limits, declared=True)
        elif tag == "c":
            position = cell_position(element.get("r", ""))
            if position is not None:
                last_row, last_column = max(last_row, position[0]), max(last_column, position[1])
        elif tag == "row":
            last_row = max(last_row, int(element.get("r") or last_row + 1))
            check_area(last_row, max(last_column, 1), limits, declared=False)
            if rows_parent is not None:
                rows_parent.clear()  # rows done with: memory stays one row deep
    check_area(last_row, max(last_column, 1), limits, declared=False)
