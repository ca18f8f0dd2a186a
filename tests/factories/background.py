"""Background tasks: a worker app running a real huey consumer, and waiting for a task's row to finish."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask

from app import background, create_app, db
from models.background import BackgroundTask

WAIT_SECONDS = 60  # a job not finished by then is a failure (not a timing assertion)


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


def wait_for(job_id: int, statuses: tuple[str, ...] = ("done", "failed")) -> BackgroundTask:
    """Poll the job row (as the web app would) until it reaches one of `statuses`."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        db.session.rollback()
        job = db.session.get(BackgroundTask, job_id)
        if job is not None and job.status in statuses:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} did not reach {statuses}: {job and job.status}")
        time.sleep(0.05)
