"""Every upload is bounded by MAX_CONTENT_LENGTH: a bigger request is answered 413 with a Chinese message
before its body is read (nothing saved), as a page for the browser and as JSON for the API."""

from __future__ import annotations

import io
from typing import Any

from flask import Flask

from app.io.reader import import_dir


def big_upload(size: int) -> dict[str, Any]:
    return {"file": (io.BytesIO(b"x" * size), "人员.csv"), "on_existing": "error", "mode": "all"}


def test_import_upload__over_max_content_length__413_in_chinese_nothing_saved(app: Flask, login: Any) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 200 * 1024
    client = login("renhe_jingban")
    before = set(import_dir().iterdir())
    response = client.post(
        "/ledger/person/import/", data=big_upload(300 * 1024), content_type="multipart/form-data"
    )
    assert response.status_code == 413
    assert "上传的文件超过 0.2 MB" in response.data.decode()
    assert set(import_dir().iterdir()) == before


def test_attach__over_max_content_length__413(app: Flask, login: Any) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 200 * 1024
    client = login("renhe_jingban")
    data = {"file": (io.BytesIO(b"%PDF" + b"x" * 300 * 1024), "scan.pdf")}
    response = client.post(
        "/ledger/district_subsidy/attach/1/1", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 413 and "上传的文件超过 0.2 MB" in response.data.decode()


def test_api__over_max_content_length__413_json(app: Flask, login: Any) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 200 * 1024
    client = login("renhe_jingban")
    response = client.post(
        "/api/v1/person/", data=b"{" + b" " * 300 * 1024 + b"}", content_type="application/json"
    )
    assert response.status_code == 413
    assert "上传的文件超过 0.2 MB" in response.get_json()["message"]
