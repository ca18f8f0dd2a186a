"""Background tasks with progress (the UI calls them 任务): anything that can take more than ~2 s — a big export,
an import, a report package — runs in the huey worker, reports rows done / total, and leaves a result file
the user downloads from 我的任务 (kept JOBS_RETENTION_DAYS days).

    @background.task("person_statistics", _l("Labour-force status statistics"))
    def person_statistics(ctx: TaskContext, **params) -> str | None:   # returns the result's display name
        ...
        ctx.progress(done, total)
        workbook = xlsxwriter.Workbook(ctx.result_path("统计.xlsx"))

    task = background.submit("person_statistics", {}, user)   # a queued BackgroundTask row, enqueued

The body runs in the worker inside an app context and `acting_as(job's user)`, so scoping applies as in the
UI; it is one transaction, committed when it returns and rolled back when it raises. `TaskError` carries a
message for the user; any other exception fails the job with a generic message (the traceback is logged).
Live progress is kept in huey's key/value store, so a body holding a write transaction never blocks on
its own progress writes (SQLite); the BackgroundTask row gets the final figures.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey
from sqlalchemy import false, func, select, true

from app.background import heartbeat
from models.background import BackgroundTask
from models.base import utcnow

log = logging.getLogger(__name__)

TASK_PACKAGES = ("app.reports", "app.io")  # packages whose modules register tasks (imported by init_app)
_building = threading.Lock()
PROGRESS_INTERVAL = 1.0  # seconds between two live progress writes
QUEUE_UNAVAILABLE = _l("The job queue is unavailable; please try again later or tell the administrator")


@dataclass(frozen=True)
class TaskKind:
    """A registered kind of job: its label in 我的任务 and the function the worker runs."""

    kind: str
    label: Any
    fn: Callable[..., str | None]
    startable: bool  # offered as a button on 我的任务 (needs no parameters)
    follow_up: Callable[[Any], str | None] | None = None  # the page a finished job leads on to (its URL)


TASKS: dict[str, TaskKind] = {}
PERIODIC: dict[str, tuple[dict[str, str], Callable[[], Any]]] = {}  # name -> (crontab, fn)


def periodic(name: str, **schedule: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register `fn()` to run in the worker on a huey crontab (UTC), e.g. `minute="7", hour="16"`,
    inside an app context; it commits its own work."""

    def decorator(fn: Callable[[], Any]) -> Callable[[], Any]:
        PERIODIC[name] = (schedule, fn)
        return fn

    return decorator


CLEANUPS: list[Callable[[datetime], int]] = []  # more to remove by the retention purge (cutoff -> count)


class TaskError(Exception):
    """A failure the user can act on; its (Chinese) message is shown on the failed job."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def task(
    kind: str, label: Any, startable: bool = False, follow_up: Callable[[Any], str | None] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register `fn(ctx: TaskContext, **params) -> str | None` as the job kind `kind`; `follow_up(job)` gives
    the URL of the page where the user continues once the job is done (e.g. confirming an import)."""

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        known = TASKS.get(kind)
        if known is not None and known.fn.__qualname__ != fn.__qualname__:
            raise ValueError(f"job kind {kind!r} is already registered by {known.fn.__qualname__}")
        TASKS[kind] = TaskKind(kind, label, fn, startable, follow_up)
        return fn

    return decorator


class TaskContext:
    """What a running job body gets: its id, its user, progress reporting and its result directory."""

    def __init__(self, job_id: int, user: Any, huey: Huey, results_dir: Path) -> None:
        self.job_id = job_id
        self.user = user
        self.huey = huey
        self.directory = results_dir / str(job_id)
        self.done = 0
        self.total: int | None = None
        self.message: str | None = None
        self.result_file: Path | None = None
        self._written_at = 0.0

    def progress(self, done: int, total: int | None = None, message: Any = None) -> None:
        """Rows done (of total); written at most once a second, and always when done reaches total."""
        self.done = done
        self.total = total if total is not None else self.total
        self.message = str(message) if message is not None else self.message
        now = time.monotonic()
        if now - self._written_at >= PROGRESS_INTERVAL or (self.total is not None and done >= self.total):
            self.huey.put(progress_key(self.job_id), (self.done, self.total, self.message))
            self._written_at = now

    def result_path(self, filename: str) -> Path:
        """Where to write the result file: instance/jobs/<id>/<filename> (the directory is created)."""
        name = Path(filename).name
        if not name or name in (".", ".."):
            raise ValueError(f"not a file name: {filename!r}")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.result_file = self.directory / name
        return self.result_file


def progress_key(job_id: int) -> str:
    return f"job-progress:{job_id}"


# ---- the queue ------------------------------------------------------------------------------------


def build_huey(config: dict[str, Any]) -> Huey:
    """SqliteHuey at instance/jobs.db unless JOBS_URL says `redis://…` (or `sqlite:///<file>`)."""
    url = config.get("JOBS_URL") or ""
    name = config.get("JOBS_QUEUE_NAME", "taizhang")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url, results=False)
    if url and not url.startswith("sqlite:///"):
        raise ValueError("JOBS_URL must be redis://… or sqlite:///<file>")
    filename = (
        url.removeprefix("sqlite:///") if url else str(Path(config["JOBS_RESULTS_DIR"]).parent / "jobs.db")
    )
    Path(filename).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=filename, results=False)


def init_app(app: Flask) -> None:
    """Import the modules that register tasks; the queue itself is built on first use (see queue())."""
    for package in TASK_PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.iter_modules(module.__path__):
            importlib.import_module(f"{package}.{info.name}")


def queue(app: Flask | None = None) -> Huey:
    """The app's huey, with the two huey tasks bound to this app (run a job, purge old jobs); built on
    first use so an app that never runs a job creates no queue storage."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    with _building:  # one queue per app, even when two first requests race
        if "jobs" not in app.extensions:
            app.extensions["jobs"] = bind_tasks(app, build_huey(app.config))
    return app.extensions["jobs"]


def bind_tasks(app: Flask, huey: Huey) -> Huey:
    from app.background.runner import execute

    @huey.task(name="run_job")
    def run_job(job_id: int) -> None:
        execute(app, huey, job_id)

    @huey.periodic_task(crontab(minute="17", hour="19"), name="purge_jobs")  # 03:17 Beijing (huey: UTC)
    def purge_jobs() -> None:
        with app.app_context():
            purge()

    @huey.periodic_task(crontab(minute="*/5"), name="recover_jobs")
    def recover_jobs() -> None:
        with app.app_context():
            heartbeat.recover()

    for name, (schedule, fn) in PERIODIC.items():
        bind_periodic(app, huey, name, schedule, fn)
    app.extensions["jobs.run"] = run_job
    return huey


def bind_periodic(app: Flask, huey: Huey, name: str, schedule: dict[str, str], fn: Callable[[], Any]) -> None:
    @huey.periodic_task(crontab(**schedule), name=name)
    def run_periodic() -> None:
        with app.app_context():
            fn()


def results_dir() -> Path:
    return Path(current_app.config["JOBS_RESULTS_DIR"])


def session() -> Any:
    return current_app.appbuilder.session  # type: ignore[attr-defined]


def submit(kind: str, params: dict[str, Any], user: Any) -> BackgroundTask:
    """Write a queued BackgroundTask row (committed) and enqueue it. If the queue cannot be reached the job is kept
    as failed with a message, never lost."""
    spec = TASKS[kind]
    job = BackgroundTask(
        kind=kind,
        label=str(spec.label),
        user_id=user.id,
        org_id=getattr(user, "org_id", None),
        status="queued",
        params=dict(params),
    )
    session().add(job)
    session().commit()
    try:
        queue()
        current_app.extensions["jobs.run"](job.id)
    except Exception:
        log.exception("could not enqueue job %s (%s)", job.id, kind)
        job.status, job.error, job.finished_at = "failed", str(QUEUE_UNAVAILABLE), utcnow()
        session().commit()
    return job


def resubmit(job: BackgroundTask, user: Any) -> BackgroundTask:
    """Submit a failed job again, same kind and parameters, as a new job of `user`."""
    if job.status != "failed" or job.kind not in TASKS:
        raise TaskError(_l("Only a failed job can be retried"))
    return submit(job.kind, dict(job.params), user)


# ---- reading jobs ---------------------------------------------------------------------------------


def is_admin(user: Any) -> bool:
    admin = current_app.config["AUTH_ROLE_ADMIN"]
    return any(role.name == admin for role in getattr(user, "roles", []))


def visible_jobs(user: Any) -> Any:
    """The condition on BackgroundTask for the jobs a user may see: their own; the administrator sees all."""
    if user is None:
        return false()
    return true() if is_admin(user) else BackgroundTask.user_id == user.id


def live_progress(job: BackgroundTask) -> tuple[int, int | None, str | None]:
    """(done, total, message): from the worker's live record while running, else from the row."""
    if job.status == "running":
        try:
            live = queue().get(progress_key(job.id), peek=True)
        except Exception:  # the queue being down must not break the page
            log.exception("could not read the progress of job %s", job.id)
            live = None
        if live is not None:
            return live
    return job.done, job.total, job.message


def result_file(job: BackgroundTask) -> Path | None:
    """The result file of a finished job, if it still exists inside the results directory."""
    if job.status != "done" or not job.result_path:
        return None
    base = results_dir().resolve()
    path = (base / job.result_path).resolve()
    if base not in path.parents or not path.is_file():
        return None
    return path


# ---- retention ------------------------------------------------------------------------------------


def register_cleanup(fn: Callable[[datetime], int]) -> None:
    """Have the retention purge also call `fn(cutoff)` (e.g. abandoned uploads of app.io)."""
    if fn not in CLEANUPS:
        CLEANUPS.append(fn)


def purge(now: Any = None) -> int:
    """Fail the running jobs of a vanished worker (heartbeat.recover); delete jobs (and their result files)
    finished — or abandoned — more than the retention days ago, and whatever the registered cleanups keep for jobs (uploads never imported)."""
    heartbeat.recover(now)
    days = int(current_app.config["JOBS_RETENTION_DAYS"])
    cutoff = (now or utcnow()) - timedelta(days=days)
    query = select(BackgroundTask).where(
        func.coalesce(BackgroundTask.finished_at, BackgroundTask.created_at) < cutoff
    )
    old = list(session().execute(query).scalars())
    for job in old:
        shutil.rmtree(results_dir() / str(job.id), ignore_errors=True)
        session().delete(job)
    session().commit()
    for cleanup in CLEANUPS:
        cleanup(cutoff)
    return len(old)
