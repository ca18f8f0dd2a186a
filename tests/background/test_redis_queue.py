"""The production queue: JOBS_URL=redis://127.0.0.1:6379 (CI runs Redis; an unreachable Redis fails the
test). The web app enqueues into Redis, a consumer thread on a separate worker app runs the job."""

from __future__ import annotations

import uuid
from pathlib import Path

from flask import Flask
from huey import RedisHuey, SqliteHuey
from sqlalchemy import delete

from app import background, create_app, db
from models.background import BackgroundTask
from tests.conftest import TEST_OVERRIDES
from tests.factories.background import running_worker, wait_for

REDIS_URL = "redis://127.0.0.1:6379/0"


def test_build_huey__sqlite_by_default_redis_when_jobs_url_says_so(tmp_path: Path) -> None:
    default = background.build_huey({"JOBS_URL": "", "JOBS_RESULTS_DIR": str(tmp_path / "jobs")})
    assert isinstance(default, SqliteHuey) and default.storage.filename == str(tmp_path / "jobs.db")
    assert isinstance(background.build_huey({"JOBS_URL": REDIS_URL, "JOBS_RESULTS_DIR": ""}), RedisHuey)
    try:
        background.build_huey({"JOBS_URL": "amqp://elsewhere", "JOBS_RESULTS_DIR": ""})
    except ValueError as exc:
        assert "JOBS_URL" in str(exc)
    else:
        raise AssertionError("an unknown JOBS_URL scheme was accepted")


def test_redis_queue__job_runs_through_redis(db_url: str, tmp_path: Path) -> None:
    config = {
        **TEST_OVERRIDES,
        "SQLALCHEMY_DATABASE_URI": db_url,
        "JOBS_URL": REDIS_URL,
        "JOBS_QUEUE_NAME": f"taizhang-test-{uuid.uuid4().hex}",  # no other worker may take this job
        "JOBS_RESULTS_DIR": str(tmp_path / "results"),
    }
    web: Flask = create_app(config)
    with web.app_context():
        huey = background.queue()
        try:
            with running_worker(config):
                owner = web.appbuilder.sm.find_user(username="renhe_jingban")
                job = wait_for(background.submit("person_statistics", {}, owner).id)
                assert job.status == "done", job.error
                assert job.result_path is not None and (tmp_path / "results" / job.result_path).is_file()
            assert huey.pending_count() == 0
        finally:
            huey.flush()
            db.session.execute(delete(BackgroundTask))
            db.session.commit()
            db.session.remove()
            db.engine.dispose()
