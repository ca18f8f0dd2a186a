"""Heartbeat of running jobs, so a job whose worker died (killed, out of memory, machine restarted) does not
stay 进行中 for ever: while a body runs, a thread of the worker stamps the job row's `heartbeat_at` (through
its own connection, never the body's transaction); `recover()` fails every running job whose heartbeat is
older than JOBS_HEARTBEAT_TIMEOUT or whose worker process on this machine no longer exists, with a reason
the user reads and a retry button on its page. It runs when a worker starts and every few minutes."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from models.background import BackgroundTask
from models.base import utcnow

log = logging.getLogger(__name__)

INTERRUPTED = _l("The background worker was interrupted; please retry")
MAX_INTERVAL = 30.0  # seconds between two stamps, at most


def worker_id() -> str:
    """This worker process: "host:pid"."""
    return f"{socket.gethostname()}:{os.getpid()}"


def interval(timeout: float) -> float:
    """A few stamps per timeout, so one missed stamp (a busy database) does not fail a live job."""
    return min(MAX_INTERVAL, timeout / 5)


class Heartbeat:
    """`with Heartbeat(engine, job_id, every):` stamps the job every `every` seconds until the block ends."""

    def __init__(self, engine: Engine, job_id: int, every: float) -> None:
        self.engine = engine
        self.job_id = job_id
        self.every = every
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name=f"heartbeat-{job_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stopped.set()
        self.thread.join()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.touch()

    def touch(self) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    update(BackgroundTask)
                    .where(BackgroundTask.id == self.job_id, BackgroundTask.status == "running")
                    .values(heartbeat_at=utcnow())
                )
        except Exception as exc:  # a busy database: the next stamp will do
            log.warning("heartbeat of job %s not written: %s", self.job_id, exc)


def process_gone(worker: str | None) -> bool:
    """Whether `worker` ("host:pid") was a process of this machine that no longer exists."""
    host, _, pid = (worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, under another user
        return False
    return False


def recover(now: datetime | None = None) -> int:
    """Fail the running jobs whose worker is gone; returns how many. Each is failed by a conditional
    UPDATE, so a job that finished meanwhile, or stamped its heartbeat again, is left alone."""
    now = now or utcnow()
    cutoff = now - timedelta(seconds=float(current_app.config["JOBS_HEARTBEAT_TIMEOUT"]))
    session = current_app.appbuilder.session  # type: ignore[attr-defined]
    running = session.execute(select(BackgroundTask).where(BackgroundTask.status == "running")).scalars()
    count = 0
    for job in list(running):
        last_sign = job.heartbeat_at or job.started_at or job.created_at
        if last_sign >= cutoff and not process_gone(job.worker):
            continue
        condition: Any = BackgroundTask.heartbeat_at == job.heartbeat_at
        if job.heartbeat_at is None:
            condition = BackgroundTask.heartbeat_at.is_(None)
        result = session.execute(
            update(BackgroundTask)
            .where(BackgroundTask.id == job.id, BackgroundTask.status == "running", condition)
            .values(status="failed", error=str(INTERRUPTED), finished_at=now)
        )
        count += result.rowcount
    session.commit()
    if count:
        log.warning("%d job(s) of a vanished worker marked failed", count)
    return count
