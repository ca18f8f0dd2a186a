"""A job whose worker died does not stay running for ever: the worker stamps a heartbeat while a body runs;
a job whose heartbeat is too old, or whose worker process is gone, is failed with a Chinese reason when a
worker starts and by the periodic purge; its owner retries it from its page."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from huey.api import Huey

from app import background, db
from models.background import BackgroundTask
from models.base import utcnow
from tests.factories.background import WAIT_SECONDS, wait_for

INTERRUPTED = "后台处理进程已中断，请重试"
HOLD = threading.Event()  # keeps test_hold_until_released running


@background.task("test_hold_until_released", "test: runs until released")
def hold_until_released(ctx: background.TaskContext) -> None:
    if not HOLD.wait(timeout=WAIT_SECONDS):
        raise RuntimeError("never released")


@background.task("test_write_a_file", "test: writes its result file")
def write_a_file(ctx: background.TaskContext) -> str:
    ctx.result_path("r.txt").write_text(ctx.user.username, encoding="utf-8")
    return "r.txt"


def user(app: Flask, username: str) -> Any:
    return app.appbuilder.sm.find_user(username=username)


@pytest.fixture
def jobs_config(jobs_config: dict[str, Any]) -> dict[str, Any]:
    """The test queue (tests/conftest.py), with a heartbeat timeout of one second (a stamp every 0.2 s)."""
    return {**jobs_config, "JOBS_HEARTBEAT_TIMEOUT": 1}


def running_job(app: Flask, worker: str, heartbeat_at: datetime) -> int:
    job = BackgroundTask(
        kind="test_write_a_file",
        label="test",
        user_id=user(app, "renhe_shequ").id,
        status="running",
        params={},
        worker=worker,
        started_at=heartbeat_at,
        heartbeat_at=heartbeat_at,
    )
    db.session.add(job)
    db.session.commit()
    return job.id


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def status_of(job_id: int) -> tuple[str, str | None]:
    db.session.expire_all()
    job = db.session.get(BackgroundTask, job_id)
    assert job is not None
    return job.status, job.error


class IdleConsumer:
    def run(self) -> None:
        """`flask jobs worker` returns at once: the test checks what it does on start."""


def test_worker_start__fails_jobs_of_a_dead_worker_process(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Huey, "create_consumer", lambda *args, **kwargs: IdleConsumer())
    dead = running_job(app, f"{socket.gethostname()}:{dead_pid()}", utcnow())
    alive = running_job(app, f"{socket.gethostname()}:{dead_pid() and 1}", utcnow())  # pid 1 exists
    result = app.test_cli_runner().invoke(args=["jobs", "worker"])
    assert result.exit_code == 0, result.output
    assert status_of(dead) == ("failed", INTERRUPTED)
    assert status_of(alive) == ("running", None)


def test_purge__fails_jobs_whose_heartbeat_is_too_old(app: Flask) -> None:
    stale = running_job(app, "another-host:4242", utcnow() - timedelta(minutes=10))
    fresh = running_job(app, "another-host:4243", utcnow() + timedelta(minutes=10))
    assert app.test_cli_runner().invoke(args=["jobs", "purge"]).exit_code == 0
    assert status_of(stale) == ("failed", INTERRUPTED)
    assert status_of(fresh) == ("running", None)


def test_heartbeat__stamped_while_the_body_runs_so_a_live_job_is_kept(app: Flask, worker: Flask) -> None:
    HOLD.clear()
    job = background.submit("test_hold_until_released", {}, user(app, "renhe_shequ"))
    try:
        first = wait_for(job.id, ("running",)).heartbeat_at
        assert first is not None
        deadline = time.monotonic() + WAIT_SECONDS
        while db.session.get(BackgroundTask, job.id).heartbeat_at == first:  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "no heartbeat while the job runs"
            time.sleep(0.05)
            db.session.expire_all()
        assert background.recover() == 0
        assert status_of(job.id) == ("running", None)
    finally:
        HOLD.set()
    assert wait_for(job.id).status == "done"


def test_retry__owner_resubmits_a_failed_job(app: Flask, worker: Flask, login: Any) -> None:
    failed = running_job(app, "another-host:4242", utcnow() - timedelta(minutes=10))
    background.recover()
    client = login("renhe_shequ")
    page = client.get(f"/jobs/{failed}").data.decode()
    assert (
        INTERRUPTED in page
        and 'id="job-retry"' in page
        and 'class="hidden"' not in page.split('id="job-retry"')[1][:300]
    )
    response = client.post(f"/jobs/{failed}/retry")
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert new_id != failed
    job = wait_for(new_id)
    assert (job.status, job.result_name, job.user_id) == ("done", "r.txt", user(app, "renhe_shequ").id)
    assert login("admin").post(f"/jobs/{failed}/retry").status_code == 403
    assert login("houshayu_shequ").post(f"/jobs/{failed}/retry").status_code == 404
