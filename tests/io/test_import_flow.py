"""The import pages (upload → preview → commit → result → error workbook) and `flask ledger`."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from app import db
from app.io.reader import import_dir
from models.audit import AuditLog
from models.background import BackgroundTask
from models.person import Person
from tests.factories.background import wait_for
from tests.factories.excel import person_headers, person_row, sheet_rows, workbook


def upload(client: Any, path: Path, **form: str) -> Any:
    with path.open("rb") as handle:
        data = {"file": (handle, path.name), "on_existing": "error", "mode": "all", **form}
        return client.post("/ledger/person/import/", data=data, content_type="multipart/form-data")


def job_of(response: Any) -> int:
    """The job a page redirected to (/jobs/<id>)."""
    assert response.status_code == 302, response.data.decode()[:500]
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_import_pages__preview_then_commit_job_writes_with_history(
    app: Flask, worker: Flask, login: Any, tmp_path: Path
) -> None:
    client = login("renhe_jingban")
    path = workbook(
        tmp_path / "人员.xlsx", person_headers(), [person_row(), person_row(id_number="110222198501011230")]
    )
    preview = upload(client, path, mode="valid")
    page = preview.data.decode()
    assert preview.status_code == 200 and 'id="count-new">1<' in page and 'id="count-error">1<' in page
    assert 'id="count-update">0<' in page  # a number, not dict.update's repr
    assert "第 3 行" in page and db.session.execute(select(Person)).first() is None
    token = page.split("/import/commit/", 1)[1].split('"', 1)[0]
    job = wait_for(job_of(client.post(f"/ledger/person/import/commit/{token}")))
    assert job.status == "done" and "新增 1" in job.message and "已写入" in job.message
    assert (job.done, job.total) == (2, 2)
    assert db.session.execute(select(func.count()).select_from(Person)).scalar_one() == 1
    assert db.session.execute(select(AuditLog.username)).scalars().all() == ["renhe_jingban"]
    errors = client.get(f"/jobs/{job.id}/download")
    assert "filename*=UTF-8''" in errors.headers["Content-Disposition"]
    rows = sheet_rows(errors.data)
    assert (
        rows[0][0] == "错误说明" and len(rows) == 2 and "校验" in rows[1][0]
    )  # the failed row only, reason first
    (tmp_path / "错误.xlsx").write_bytes(errors.data)
    errors.close()
    again = upload(client, tmp_path / "错误.xlsx", mode="valid").data.decode()  # uploaded back as it is
    assert 'id="count-new">0<' in again and 'id="count-error">1<' in again and "第 2 行" in again
    assert login("houshayu_jingban").get(f"/jobs/{job.id}/download").status_code == 404


def test_import_pages__all_or_nothing_blocks_commit_and_wrong_template_refused(
    app: Flask, worker: Flask, login: Any, tmp_path: Path
) -> None:
    client = login("renhe_jingban")
    path = workbook(
        tmp_path / "a.xlsx",
        person_headers(),
        [person_row(), person_row(name=None, id_number="110222198501011017")],
    )
    page = upload(client, path).data.decode()
    assert "全部成功才写入" in page and "确认写入" not in page
    token = page.split("/import/commit/", 1)[1].split('"', 1)[0]
    job = wait_for(job_of(client.post(f"/ledger/person/import/commit/{token}")))
    assert job.status == "done" and "未写入" in job.message
    assert db.session.execute(select(Person)).first() is None
    checked = client.post(f"/ledger/person/import/commit/{token}", data={"errors_only": "1"})
    assert checked.status_code == 200
    assert client.get(f"/ledger/person/import/errors/{token}").status_code == 200
    wrong = workbook(tmp_path / "b.xlsx", ["姓名", "年龄"], [["张三", 30]])
    refused = client.post("/ledger/person/import/", data={}, follow_redirects=True)
    assert "请选择要导入的文件" in refused.data.decode()
    response = upload(client, wrong)
    assert response.status_code == 302
    assert "应有的列" in client.get(response.headers["Location"]).data.decode()


def test_export_above_threshold__runs_as_a_job_with_the_list_filters(
    app: Flask, worker: Flask, login: Any, tmp_path: Path
) -> None:
    client = login("renhe_jingban")
    for n, id_number in enumerate(("110222198501011017", "110222198501011033")):
        upload_path = workbook(
            tmp_path / f"{n}.xlsx", person_headers(), [person_row(id_number=id_number, name=f"导出{n}")]
        )
        token = upload(client, upload_path).data.decode().split("/import/commit/", 1)[1].split('"', 1)[0]
        assert wait_for(job_of(client.post(f"/ledger/person/import/commit/{token}"))).status == "done"
    app.config["EXPORT_JOB_ROWS"] = 0
    job = wait_for(job_of(client.get("/ledger/person/export/xlsx?_flt_0_name=导出1")))
    assert job.status == "done" and (job.done, job.total) == (1, 1)
    download = client.get(f"/jobs/{job.id}/download")
    exported = sheet_rows(download.data)
    download.close()
    assert [r for r in exported if "导出1" in r] and not [r for r in exported if "导出0" in r]


def test_cli__export_and_import_act_as_the_named_user(app: Flask, tmp_path: Path) -> None:
    runner = app.test_cli_runner()
    path = workbook(tmp_path / "in.xlsx", person_headers(), [person_row(), person_row(id_number="12345")])
    checked = runner.invoke(args=["ledger", "import", "person", str(path), "--user", "renhe_jingban"])
    assert checked.exit_code == 1 and "新增 1" in checked.output and "错误 1" in checked.output
    assert (tmp_path / "in_错误清单.xlsx").exists() and db.session.execute(select(Person)).first() is None
    written = runner.invoke(
        args=["ledger", "import", "person", str(path), "--user", "renhe_jingban", "--commit", "--valid-only"]
    )
    assert "已写入" in written.output, written.output
    out = tmp_path / "out.xlsx"
    result = runner.invoke(
        args=["ledger", "export", "person", "--user", "houshayu_jingban", "--out", str(out)]
    )
    assert result.exit_code == 0 and "已导出 0 行" in result.output
    result = runner.invoke(args=["ledger", "export", "person", "--user", "renhe_jingban", "--out", str(out)])
    assert "已导出 1 行" in result.output and len(sheet_rows(out)) == 5
    refused = runner.invoke(args=["ledger", "import", "person", str(path), "--user", "ducha"])
    assert refused.exit_code != 0 and "无权" in refused.output


def test_import_pages__large_file_checked_by_a_job_then_preview_and_commit(
    app: Flask, worker: Flask, login: Any, tmp_path: Path
) -> None:
    app.config["IMPORT_PREVIEW_JOB_BYTES"] = 0  # every upload counts as large
    client = login("renhe_jingban")
    path = workbook(
        tmp_path / "人员.xlsx", person_headers(), [person_row(), person_row(id_number="110222198501011230")]
    )
    response = upload(client, path, mode="valid")
    job = wait_for(job_of(response))
    assert job.kind == "ledger_import_preview" and job.status == "done", job.error
    assert (job.done, job.total) == (2, 2) and "新增 1" in (job.message or "")
    assert db.session.execute(select(Person)).first() is None  # checking writes nothing
    state = client.get(f"/jobs/{job.id}/status").get_json()
    assert state["next_url"].startswith("/ledger/person/import/preview/")
    token = state["next_url"].rsplit("/", 1)[1]
    assert 'id="job-next"' in client.get(f"/jobs/{job.id}").data.decode()

    page = client.get(state["next_url"]).data.decode()
    assert 'id="count-new">1<' in page and 'id="count-error">1<' in page and "第 3 行" in page
    assert f"/jobs/{job.id}/download" in page  # the job's result is the error workbook
    errors = client.get(f"/jobs/{job.id}/download")
    rows = sheet_rows(errors.data)
    assert len(rows) == 2 and "校验" in rows[1][0]  # only the row that failed, its reason in column A
    errors.close()
    assert login("houshayu_jingban").get(state["next_url"]).status_code == 404  # another user's upload

    client = login("renhe_jingban")
    commit = wait_for(job_of(client.post(f"/ledger/person/import/commit/{token}")))
    assert commit.kind == "ledger_import" and commit.status == "done" and "已写入" in commit.message
    assert db.session.execute(select(func.count()).select_from(Person)).scalar_one() == 1


def test_import_pages__small_file_checked_in_the_request_and_refused_file_by_the_job(
    app: Flask, worker: Flask, login: Any, tmp_path: Path
) -> None:
    client = login("renhe_jingban")
    path = workbook(tmp_path / "a.xlsx", person_headers(), [person_row()])
    assert path.stat().st_size <= app.config["IMPORT_PREVIEW_JOB_BYTES"]
    assert upload(client, path).status_code == 200  # the preview page itself, no job
    assert db.session.execute(select(func.count()).select_from(BackgroundTask)).scalar_one() == 0
    app.config["IMPORT_PREVIEW_JOB_BYTES"] = 0
    wrong = workbook(tmp_path / "b.xlsx", ["姓名", "年龄"], [["张三", 30]])
    job = wait_for(job_of(upload(client, wrong)))
    assert job.status == "failed" and "应有的列" in (job.error or "")
    assert client.get(f"/jobs/{job.id}/status").get_json()["next_url"] == ""


def test_retention__purge_removes_abandoned_uploads(app: Flask) -> None:
    old, recent = import_dir() / "purge-test-old.xlsx", import_dir() / "purge-test-recent.xlsx"
    for path in (old, recent):
        path.write_bytes(b"x")
    eight_days_ago = time.time() - 8 * 24 * 3600
    os.utime(old, (eight_days_ago, eight_days_ago))
    try:
        result = app.test_cli_runner().invoke(args=["jobs", "purge"])
        assert result.exit_code == 0
        assert not old.exists() and recent.exists()
    finally:
        old.unlink(missing_ok=True)
        recent.unlink(missing_ok=True)
