"""Issue 15 "Papers": every file the app hands out, found the way a clerk finds it (no list kept by hand), is
opened with a second reader and checked for what the printed paper needs.

On the demo data (seeded small, removed afterwards): every registered ledger's export as .xlsx and .csv and
its import template; every file route of the URL map that a ledger's list or record page links to (公示
.docx/.xlsx, 花名册, 推荐介绍信, 审批表, …) and that the menus reach (超期督办, statistics); every bulk
action that makes a roster or an export, with all the list's rows ticked. Workbooks are read with
python-calamine (values) and openpyxl (page setup, which calamine does not read), documents with
python-docx.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import RGBColor
from flask import Flask
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from app import db
from app.io.paper import FOOTER, WIDE_COLUMNS
from app.ledger.registry import VIEWS
from tests.conftest import Personas, empty_ledgers

ID_HEADERS = ("身份证", "公民身份号码")
CHINESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
FORMULA_START = ("=", "+", "-", "@")
ID_LIKE = re.compile(r"[\d*]{17}[\dXx]|1[\d*]{10}")  # 18-character ID numbers, 11-digit mobile numbers
HREF = re.compile(r'href="([^"#]+)"')
FILE_ACTIONS = re.compile(r"roster|export")  # the bulk actions that hand out a file
BLACK = RGBColor(0, 0, 0)
pytestmark = pytest.mark.slow  # a crawl of the demo for its files: ~1 minute on two quiet cores

SKIP = ("/logout", "/lang/", "/static/", "/login")


@pytest.fixture(scope="module")
def demo(shared_app: Flask) -> Iterator[Flask]:
    result = shared_app.test_cli_runner().invoke(args=["seed-demo", "--persons", "300", "--seed", "3"])
    assert result.exit_code == 0, result.output
    yield shared_app
    with shared_app.app_context():
        db.session.remove()
        empty_ledgers()


def file_name(response: Any) -> str | None:
    header = response.headers.get("Content-Disposition", "")
    found = re.search(r"filename\*=UTF-8''([^;]+)", header)
    return unquote(found.group(1)) if found and header.startswith("attachment") else None


def route_of(app: Flask, url: str) -> str | None:
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(urlsplit(url).path, method="GET")
    except Exception:  # noqa: BLE001 - not a route of the app (an outside link)
        return None
    return str(endpoint)


def collect_files(app: Flask, client: Any) -> dict[str, tuple[str, bytes]]:
    """endpoint (with the format) → (file name, content) of every file reachable as described above."""
    files: dict[str, tuple[str, bytes]] = {}
    seen: set[str] = set()

    def fetch(url: str, key: str | None = None) -> str:
        """Keep the file the URL answers with; return the page's HTML otherwise."""
        if url in seen or any(part in url for part in SKIP):
            return ""
        seen.add(url)
        endpoint = route_of(app, url)
        if endpoint is None:
            return ""
        response = client.get(url)
        name = file_name(response) if response.status_code == 200 else None
        if name:
            files.setdefault(key or endpoint, (name, response.data))
            return ""
        return response.data.decode() if response.mimetype == "text/html" else ""

    menu = [href for href in HREF.findall(client.get("/").data.decode()) if route_of(app, href)]
    pages: list[str] = [href for href in menu if "/list/" not in href and not any(p in href for p in SKIP)]
    for name, view in VIEWS.items():
        base = view.route_base or f"/ledger/{name}"
        for fmt in ("xlsx", "csv"):
            fetch(f"{base}/export/{fmt}", f"{view.__name__}.export.{fmt}")
        fetch(f"{base}/import/template", f"{view.__name__}.import_template")
        listing = client.get(f"{base}/list/").data.decode()
        pages.append(f"{base}/list/")
        shows = [href for href in HREF.findall(listing) if f"{base}/show/" in href]
        pages.extend(shows[:2])
    for page in pages:
        html = fetch(page) or client.get(page).data.decode()
        for href in HREF.findall(html):
            fetch(href.replace("&amp;", "&"))
    for name, view in VIEWS.items():  # bulk actions that hand out a file: every row of the list ticked
        base = view.route_base or f"/ledger/{name}"
        listing = client.get(f"{base}/list/?psize_{view.__name__}=100").data.decode()
        ids = re.findall(r'class="action_check" name="rowid" value="(\d+)"', listing)
        actions = {a for a in re.findall(r'class="([a-z_]+)_menu_item"', listing) if FILE_ACTIONS.search(a)}
        for action in sorted(actions):
            response = client.post(f"{base}/action_post", data={"action": action, "rowid": ids})
            if file_name(response):
                files.setdefault(f"{view.__name__}.{action}", (file_name(response) or "", response.data))
    return files


@pytest.fixture(scope="module")
def district_files(demo: Flask) -> dict[str, tuple[str, bytes]]:
    client = demo.test_client()
    Personas(client).login("qu_jingban")
    with demo.app_context():
        return collect_files(demo, client)


def test_every_ledger_export_template_and_document_is_found(district_files: dict[str, Any]) -> None:
    for view in VIEWS.values():
        for what in ("export.xlsx", "export.csv", "import_template"):
            assert f"{view.__name__}.{what}" in district_files, (view.__name__, what)
    documents = {key for key in district_files if ".export." not in key and "import_template" not in key}
    for expected in (
        "PublicNoticeView.docx",
        "PublicNoticeView.xlsx",
        "PublicNoticeView.roster",
        "ReferralView.letter_docx",
        "ReferralView.roster",
        "WelfarePaymentView.approval_table",
        "OverdueBoardView.export",
    ):
        assert expected in documents, (expected, sorted(documents))


def check_sheet(name: str, sheet: Any, values: list[list[Any]]) -> None:
    setup = sheet.page_setup
    columns = max((len([v for v in row if v not in ("", None)]) for row in values), default=0)
    assert setup.paperSize == 9, name  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
    assert setup.fitToWidth in (None, 1), name  # one page wide (1 is Excel's default: not written)
    assert setup.fitToHeight == 0, name  # as many pages long as it takes
    if columns > WIDE_COLUMNS:
        assert setup.orientation == "landscape", name
    assert sheet.print_title_rows, name  # the header row on every page
    assert sheet.oddFooter.center.text == FOOTER.removeprefix("&C"), name
    assert sheet.freeze_panes, name
    header = next((row for row in values if sum(bool(v) for v in row) >= 2), [])
    for col, text in enumerate(header):
        if any(mark in str(text) for mark in ID_HEADERS):
            below = [row[col] for row in values[values.index(header) + 1 :] if len(row) > col and row[col]]
            ids = [v for v in below if not str(v).startswith(("合计", "经办人"))]
            assert all(isinstance(v, str) for v in ids), (name, col, ids[:3])


def test_workbooks__print_setup_text_ids_title_block(district_files: dict[str, Any]) -> None:
    for key, (name, data) in district_files.items():
        if not name.endswith(".xlsx"):
            continue
        book = load_workbook(io.BytesIO(data))
        values = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            check_sheet(f"{key}/{sheet.title}", sheet, values.get_sheet_by_name(sheet.title).to_python())
            assert not re.fullmatch(r"Sheet\d*", sheet.title), key  # a Chinese sheet name
        if ".export." in key:  # a ledger export: title, unit, time (Beijing) and the person's name
            rows = values.get_sheet_by_index(0).to_python()
            assert (
                rows[1][0].startswith("填报单位：")
                and "导出时间：" in rows[2][0]
                and "导出人：" in rows[2][0]
            )


def test_rosters__total_row_and_signature_lines(district_files: dict[str, Any]) -> None:
    rosters = {  # the 花名册 made for another office (a ledger that is itself called 花名册 is an export)
        key: value
        for key, value in district_files.items()
        if "花名册" in value[0] and ".export" not in key and "import" not in key
    }
    assert {"PublicNoticeView.roster", "ReferralView.roster"} <= set(rosters), sorted(rosters)
    for key, (_name, data) in rosters.items():
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet_name in book.sheet_names:
            rows = book.get_sheet_by_name(sheet_name).to_python()
            lines = [row for row in rows if isinstance(row[0], int | float) and row[0]]
            total = next(row for row in rows if row[0] == "合计")
            assert total[1] == f"{len(lines)}人", key
            for col in [
                col for col, v in enumerate(total) if isinstance(v, float) and col > 1
            ]:  # each sum is the sum of its column
                assert total[col] == pytest.approx(sum(float(row[col] or 0) for row in lines)), (key, col)
            signs = " ".join(str(v) for row in rows for v in row)
            for label in ("经办人：", "审核人：", "负责人：", "日期："):
                assert label in signs, (key, label)


def test_csv__ids_kept_as_text_no_formulas(district_files: dict[str, Any]) -> None:
    checked = 0
    for key, (name, data) in district_files.items():
        if not name.endswith(".csv"):
            continue
        assert data.startswith(b"\xef\xbb\xbf"), key  # UTF-8 with BOM: Excel reads the Chinese
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        for row in rows[1:]:
            for cell in row:
                if ID_LIKE.fullmatch(cell.lstrip("\t")):  # an ID or phone number, whole or masked
                    assert cell.startswith("\t"), (key, cell)
                    checked += 1
                assert not cell.startswith(FORMULA_START), (key, row)
    assert checked > 100


def test_documents__official_layout_and_signoff(district_files: dict[str, Any]) -> None:
    documents = {key: value for key, value in district_files.items() if value[0].endswith(".docx")}
    assert {"PublicNoticeView.docx", "ReferralView.letter_docx"} <= set(documents)
    for key, (_name, data) in documents.items():
        document = Document(io.BytesIO(data))
        paragraphs = [p for p in document.paragraphs if p.text.strip()]
        title = paragraphs[0]
        assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and not title.style.name.startswith("Heading")
        assert all(run.bold and run.font.size.pt >= 18 for run in title.runs), key
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                assert run.font.color.rgb in (None, BLACK), key  # not Word's blue heading
        dated = [i for i, p in enumerate(paragraphs) if CHINESE_DATE.fullmatch(p.text.strip())]
        assert dated, key  # 落款: the unit, then the date in Chinese, at the right
        unit, day = paragraphs[dated[0] - 1], paragraphs[dated[0]]
        assert unit.alignment == day.alignment == WD_ALIGN_PARAGRAPH.RIGHT, key
        assert unit.text.strip().endswith(("区", "镇", "处", "中心", "所", "街道", "社区", "村")), unit.text
        for table in document.tables:
            header = [cell.text for cell in table.rows[0].cells]
            for col, text in enumerate(header):
                if "身份" in text:
                    for row in table.rows[1:]:
                        properties = row.cells[col]._tc.tcPr
                        assert properties is not None and properties.find(qn("w:noWrap")) is not None
