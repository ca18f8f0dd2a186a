"""A workbook is refused by its declared and its real size before calamine reads it: a 1.5 KB sheet that
declares (and holds a cell at) XFD1048576 would make calamine allocate ~512 GB and abort the process."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from flask import Flask

from app.io import reader
from app.io.reader import ImportRefused, read_table

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def sheet_xml(body: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main">{dim}<sheetData>{body}</sheetData></worksheet>'
    )


def cell_row(row: int, ref: str, value: int = 1) -> str:
    return f'<row r="{row}"><c r="{ref}"><v>{value}</v></c></row>'


def workbook(path: Path, sheet: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Calamine must never see these files: it would allocate the whole declared area and abort."""

    def refuse(*_args: object) -> None:
        raise AssertionError("calamine was asked to read an oversized sheet")

    monkeypatch.setattr(reader.CalamineWorkbook, "from_path", refuse)


def test_read_table__declared_bomb_refused_before_calamine(
    app: Flask, tmp_path: Path, no_calamine: None
) -> None:
    bomb = workbook(
        tmp_path / "bomb.xlsx",
        sheet_xml(cell_row(1, "A1") + cell_row(1048576, "XFD1048576"), dimension="A1:XFD1048576"),
    )
    assert bomb.stat().st_size < 2048
    with pytest.raises(ImportRefused) as refused:
        read_table(bomb)
    assert "1048576 行 × 16384 列" in refused.value.message
    assert "最多 200000 行" in refused.value.message


def test_read_table__far_cell_without_dimension_refused(
    app: Flask, tmp_path: Path, no_calamine: None
) -> None:
    bomb = workbook(tmp_path / "far.xlsx", sheet_xml(cell_row(1, "A1") + cell_row(400, "XFD400")))
    with pytest.raises(ImportRefused) as refused:
        read_table(bomb)
    assert "400 行 × 16384 列" in refused.value.message


def test_read_table__rows_over_the_cap_refused(app: Flask, tmp_path: Path, no_calamine: None) -> None:
    app.config["IMPORT_MAX_ROWS"] = 5
    rows = "".join(cell_row(n, f"A{n}") for n in range(1, 8))
    with pytest.raises(ImportRefused) as refused:
        read_table(workbook(tmp_path / "rows.xlsx", sheet_xml(rows, dimension="A1:A7")))
    assert "7 行 × 1 列" in refused.value.message
    assert "最多 5 行" in refused.value.message


def test_read_table__zip_bomb_sheet_part_refused(app: Flask, tmp_path: Path, no_calamine: None) -> None:
    app.config["IMPORT_MAX_SHEET_BYTES"] = 1024 * 1024
    padding = " " * (3 * 1024 * 1024)  # compresses to a few KB
    bomb = workbook(tmp_path / "zip.xlsx", sheet_xml(cell_row(1, "A1") + padding))
    assert bomb.stat().st_size < 20 * 1024
    with pytest.raises(ImportRefused) as refused:
        read_table(bomb)
    assert "解压后超过 3 MB" in refused.value.message
    assert "上限为 1 MB" in refused.value.message


def test_read_table__cells_keep_their_columns(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write("B2", "姓名")
    sheet.write("C3", 7)
    book.close()
    assert read_table(path) == [[None, None, None], [None, "姓名", None], [None, None, 7.0]]
