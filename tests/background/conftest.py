"""Job fixtures: each test gets its own huey storage (an SQLite file) and results directory, and
`worker` runs a real huey consumer thread on a second app built by create_app — what `flask jobs worker`
does in its own process. Jobs go through huey's queue, its consumer and its workers; nothing runs in
huey's `immediate` mode."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete

from app import background, create_app, db
from models.background import Job
from tests.conftest import TEST_OVERRIDES, fresh_app

WAIT_SECONDS = 60  # a job not finished by then is a failure (not a timing assertion)


@pytest.fixture
def jobs_config(tmp_path: Path) -> dict[str, Any]:
    return {
        "JOBS_URL": f"sqlite:///{tmp_path / 'queue.db'}",
        "JOBS_RESULTS_DIR": str(tmp_path / "results"),
        "JOBS_QUEUE_NAME": "taizhang-test",
    }


@pytest.fixture
def app(shared_app: Flask, jobs_config: dict[str, Any]) -> Iterator[Flask]:
    """The web app of tests/conftest.py, with this test's queue; jobs are removed afterwards."""
    with fresh_app(shared_app, jobs_config) as app:
        yield app
        db.session.remove()
        with db.engine.begin() as conn:
            conn.execute(delete(Job))


@contextmanager
def running_worker(config: dict[str, Any]) -> Iterator[Flask]:
    """A worker app with a started huey consumer (one worker thread); stopped gracefully on exit."""
    worker_app = create_app(config)
    consumer = background.queue(worker_app).create_consumer(
        workers=1, worker_type="thread", periodic=False, initial_delay=0.05, max_delay=0.2
    )
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    consumer.start()
    for signum, handler in handlers.items():  # the consumer's signal handlers belong to `flask jobs worker`
        signal.signal(signum, handler)
    try:
        yield worker_app
    finally:
        consumer.stop(graceful=True)
        with worker_app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def worker(db_url: str, jobs_config: dict[str, Any]) -> Iterator[Flask]:
    with running_worker({**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": db_url, **jobs_config}) as worker_app:
        yield worker_app


def wait_for(job_id: int, statuses: tuple[str, ...] = ("done", "failed")) -> Job:
    """Poll the job row (as the web app would) until it reaches one of `statuses`."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        db.session.rollback()
        job = db.session.get(Job, job_id)
        if job is not None and job.status in statuses:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} did not reach {statuses}: {job and job.status}")
        time.sleep(0.05)
