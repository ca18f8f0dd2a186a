"""Background jobs end to end: submitted from the page, run by a real huey consumer on its own app,
progress polled, result downloaded by its owner only; failures, rollback, scoping and retention."""

from __future__ import annotations

import threading
from datetime import timedelta
from io import BytesIO
from typing import Any

from flask import Flask
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from app import background, create_app, db, ledger
from app.security.scope import current_actor
from models.background import BackgroundTask
from models.base import utcnow
from models.org import OrgUnit
from models.person import Person
from seed.roles import ROLES
from tests.conftest import TEST_OVERRIDES, first_community, org
from tests.factories.background import wait_for
from tests.factories.person import make_person_row, person_values
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN

RELEASE = threading.Event()  # lets test_progress hold its job half-way


@background.task("test_wait_half_way", "test: waits half-way")
def wait_half_way(ctx: background.TaskContext, rows: int) -> None:
    ctx.progress(rows // 2, rows, message="half")
    if not RELEASE.wait(timeout=60):
        raise RuntimeError("never released")
    ctx.progress(rows)


@background.task("test_write_then_refuse", "test: writes a person, then refuses")
def write_then_refuse(ctx: background.TaskContext, org_id: int, values: dict[str, Any]) -> None:
    ledger.create(Person, values)
    raise background.TaskError("第 2 行：身份证号码校验位错误")


@background.task("test_crash", "test: crashes")
def crash(ctx: background.TaskContext) -> None:
    raise ZeroDivisionError("a bug, not the user's fault")


@background.task("test_who_am_i", "test: reports the acting user")
def who_am_i(ctx: background.TaskContext) -> str:
    ctx.progress(1, 1, message=current_actor().username)
    ctx.result_path("who.txt").write_text(ctx.user.username, encoding="utf-8")
    return "who.txt"


def user(app: Flask, username: str) -> Any:
    return app.appbuilder.sm.find_user(username=username)


def sheet_rows(data: bytes) -> list[list[Any]]:
    return CalamineWorkbook.from_filelike(BytesIO(data)).get_sheet_by_index(0).to_python()


def test_person_statistics__worker_runs_it_and_owner_downloads(app: Flask, worker: Flask, login: Any) -> None:
    for n in range(3):
        make_person_row(app, HOME_TOWN, n)
    make_person_row(app, OTHER_TOWN, 3)
    client = login("renhe_jingban")
    response = client.post("/jobs/start/person_statistics")
    assert response.status_code == 302
    job_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert client.get(f"/jobs/{job_id}").status_code == 200

    job = wait_for(job_id)
    assert job.status == "done", job.error
    communities = db.session.execute(select(OrgUnit).where(OrgUnit.parent_id == org(HOME_TOWN).id)).all()
    assert job.done == job.total == len(communities)
    state = client.get(f"/jobs/{job_id}/status").json
    assert state["status"] == "done" and state["percent"] == 100 and state["finished"]
    assert state["download_url"] == f"/jobs/{job_id}/download"

    with client.get(state["download_url"]) as download:
        assert download.status_code == 200
        assert "filename*=UTF-8''" in download.headers["Content-Disposition"]
        rows = sheet_rows(download.data)
    assert rows[0][0] == "劳动力就业状态统计表" and "仁和镇" in rows[1][0]
    assert rows[-1][0] == "合计" and rows[-1][-1] == 3  # the other town's person is not counted
    names = {row[0] for row in rows[3:-1]}
    assert first_community(HOME_TOWN).name in names and len(names) == len(communities)

    other = login("houshayu_jingban")
    for url in (f"/jobs/{job_id}", f"/jobs/{job_id}/status", f"/jobs/{job_id}/download"):
        assert other.get(url).status_code == 404, url
    table = other.get("/jobs/").data.decode().split("jobs-table", 1)[1].split("</table>", 1)[0]
    assert f'/jobs/{job_id}"' not in table
    with login("admin").get(f"/jobs/{job_id}/download") as by_admin:
        assert by_admin.status_code == 200


def test_progress__status_endpoint_reports_rows_while_running(app: Flask, worker: Flask, login: Any) -> None:
    RELEASE.clear()
    job = background.submit("test_wait_half_way", {"rows": 10}, user(app, "renhe_shequ"))
    client = login("renhe_shequ")
    try:
        wait_for(job.id, ("running",))
        state = client.get(f"/jobs/{job.id}/status").json
        while state["done"] == 0 and state["status"] == "running":  # the first progress write is on its way
            state = client.get(f"/jobs/{job.id}/status").json
        assert (state["status"], state["done"], state["total"], state["percent"]) == ("running", 5, 10, 50)
        assert state["message"] == "half" and not state["finished"] and state["download_url"] == ""
        page = client.get("/jobs/").data.decode()
        assert "运行中" in page and "5 / 10" in page
    finally:
        RELEASE.set()
    assert wait_for(job.id).status == "done"
    assert client.get(f"/jobs/{job.id}/status").json["done"] == 10


def test_failure__job_error_rolls_back_and_shows_message(app: Flask, worker: Flask, login: Any) -> None:
    unit = first_community(HOME_TOWN)
    values = person_values(unit.id)
    job = background.submit(
        "test_write_then_refuse", {"org_id": unit.id, "values": values}, user(app, "renhe_shequ")
    )
    job = wait_for(job.id)
    assert job.status == "failed" and job.error == "第 2 行：身份证号码校验位错误"
    assert db.session.execute(select(Person)).first() is None  # never a half-written batch
    page = login("renhe_shequ").get("/jobs/").data.decode()
    assert "失败" in page and "身份证号码校验位错误" in page


def test_failure__crash_shows_generic_chinese_message(app: Flask, worker: Flask, login: Any) -> None:
    job = wait_for(background.submit("test_crash", {}, user(app, "renhe_shequ")).id)
    assert job.status == "failed" and job.finished_at is not None
    assert job.error is not None and str(job.id) in job.error and "内部错误" in job.error
    assert "ZeroDivisionError" not in job.error  # the traceback is in the log only
    state = login("renhe_shequ").get(f"/jobs/{job.id}/status").json
    assert state["status_label"] == "失败" and state["error"] == job.error


def test_scope__task_body_acts_as_the_submitting_user(app: Flask, worker: Flask, login: Any) -> None:
    job = wait_for(background.submit("test_who_am_i", {}, user(app, "houshayu_shequ")).id)
    assert (job.status, job.message, job.result_name) == ("done", "houshayu_shequ", "who.txt")
    with login("houshayu_shequ").get(f"/jobs/{job.id}/download") as download:
        assert download.data == b"houshayu_shequ"


def test_submit__queue_unreachable_keeps_failed_job(db_url: str, login: Any) -> None:
    app = create_app(
        {**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": db_url, "JOBS_URL": "redis://127.0.0.1:1/0"}
    )
    with app.app_context():
        client = app.test_client()
        client.post("/login/", data={"username": "renhe_jingban", "password": "demo-2026"})
        response = client.post("/jobs/start/person_statistics")
        assert response.status_code == 302 and response.headers["Location"].endswith("/jobs/")
        job = db.session.execute(select(BackgroundTask)).scalar_one()
        assert job.status == "failed" and "任务队列" in (job.error or "")
        db.session.delete(job)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def test_retention__purge_deletes_old_jobs_and_files(app: Flask, jobs_config: dict[str, Any]) -> None:
    owner = user(app, "renhe_shequ")
    ages = {"old": timedelta(days=8), "recent": timedelta(days=6)}
    made = {}
    for name, age in ages.items():
        job = BackgroundTask(kind="person_statistics", label=name, user_id=owner.id, status="done")
        job.created_at = job.finished_at = utcnow() - age
        db.session.add(job)
        db.session.commit()
        path = background.results_dir() / str(job.id) / "r.xlsx"
        path.parent.mkdir(parents=True)
        path.write_bytes(b"x")
        made[name] = (job.id, path)
    result = app.test_cli_runner().invoke(args=["jobs", "purge"])
    assert result.exit_code == 0 and "1" in result.output
    db.session.expire_all()
    assert db.session.get(BackgroundTask, made["old"][0]) is None and not made["old"][1].parent.exists()
    assert db.session.get(BackgroundTask, made["recent"][0]) is not None and made["recent"][1].exists()


def test_my_jobs__every_role_has_the_page(app: Flask, login: Any) -> None:
    for role in ROLES:
        granted = {
            (p.permission.name, p.view_menu.name) for p in app.appbuilder.sm.find_role(role).permissions
        }
        assert {("can_read", "jobs"), ("menu_access", "my_jobs")} <= granted, role
    page = login("ducha").get("/jobs/")
    assert page.status_code == 200 and "我的任务" in page.data.decode()
