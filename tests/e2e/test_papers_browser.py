"""Issue 15 "Papers" in a real browser: the district clerk downloads the labour-force export from the list
page's 导出Excel button and a 公示 as Word from the notice's page; the files are what the printer needs
(read with openpyxl for the page setup, python-calamine for the cells, python-docx for the notice)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from tests.e2e.conftest import LiveServer
from tests.e2e.steps import log_in


@pytest.mark.e2e
def test_district_clerk__downloads_a_printable_export_and_an_official_notice(
    page: Any, live_server: LiveServer
) -> None:
    log_in(page, "qu_jingban")
    page.goto("/ledger/person/list/")
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    data = Path(download.value.path()).read_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0  # 1 wide, n long
    assert sheet.print_title_rows and "第 &P 页 / 共 &N 页" in sheet.oddFooter.center.text
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "劳动力基础信息台账" and rows[1][0].startswith("填报单位：")
    ids = [row[rows[3].index("身份证号码")] for row in rows[4:]]
    assert ids and all(isinstance(value, str) and len(value) == 18 for value in ids)

    page.goto("/ledger/public_notice/list/")
    page.locator("a[href*='/ledger/public_notice/show/']").first.click()
    with page.expect_download() as download:
        page.locator("a[href*='/ledger/public_notice/docx/']").first.click()
    assert download.value.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", paragraphs[-1].text)
    assert paragraphs[-2].text == "顺义区"  # the issuing unit: the district's notices
