"""app/io/download.py: the one file response of every download page."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

from flask import Flask

from app.io.download import XLSX, ascii_fallback, download

NAME = "推荐人员花名册_顺义 1/2_2026-10-20.xlsx"


def test_download__chinese_name_rfc5987_with_ascii_fallback_type_from_extension_not_cached() -> None:
    with Flask(__name__).test_request_context():
        response = download(b"PK", NAME)
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="1_2_2026-10-20.xlsx"; ')
    assert disposition.endswith(f"filename*=UTF-8''{quote(NAME, safe='')}")
    assert response.headers["Content-Type"] == XLSX
    assert "no-store" in response.headers["Cache-Control"]
    assert response.get_data() == b"PK"


def test_download__fallback_stem_and_explicit_type_and_inline() -> None:
    with Flask(__name__).test_request_context():
        response = download(b"%PDF", "身份证.pdf", "application/pdf", fallback="scan", inline=True)
    assert response.headers["Content-Disposition"].startswith('inline; filename="scan.pdf"; ')
    assert response.mimetype == "application/pdf"
    assert ascii_fallback("花名册.xlsx") == "download.xlsx"
    assert ascii_fallback('a"b\r\n.txt') == "a_b.txt"


def test_download__file_and_handle_streamed_and_closed(tmp_path: Path) -> None:
    path = tmp_path / "numbers.txt"
    path.write_bytes(b"13800000000\r\n")
    handle = io.BytesIO(b"a,b\r\n")
    with Flask(__name__).test_request_context():
        from_path = download(path, path.name)
        from_handle = download(handle, "导出.csv")
    assert (from_path.content_length, from_path.mimetype) == (13, "text/plain")
    assert b"".join(from_path.response) == b"13800000000\r\n"
    from_path.close()
    assert b"".join(from_handle.response) == b"a,b\r\n" and handle.closed
    assert from_handle.headers["Content-Type"] == "text/csv; charset=utf-8"
