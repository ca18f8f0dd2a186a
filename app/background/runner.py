"""The worker side of a job: load the BackgroundTask row, mark it running, run the registered body inside the
app context and `acting_as` the job's user (its heartbeat stamped meanwhile), then record the result or the
failure. A failure never loses the row: the user sees 失败 with a message; the traceback goes to the log only."""

from __future__ import annotations

import logging
import shutil
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from huey.api import Huey

from app import background
from app.background import heartbeat
from app.ledger import LedgerError
from app.security.scope import acting_as
from models.background import BackgroundTask
from models.base import utcnow

log = logging.getLogger(__name__)


def execute(app: Flask, huey: Huey, job_id: int) -> None:
    """Run job `job_id` to its end (done or failed). Called by the huey task in the worker."""
    with app.app_context():
        session = app.appbuilder.session  # type: ignore[attr-defined]
        job = session.get(BackgroundTask, job_id)
        if job is None or job.status != "queued":
            log.warning("job %s is not queued (missing or already run); skipped", job_id)
            return
        job.status, job.started_at = "running", utcnow()
        job.worker, job.heartbeat_at = heartbeat.worker_id(), job.started_at
        session.commit()
        user = app.appbuilder.sm.get_user_by_id(job.user_id)  # type: ignore[attr-defined]
        ctx = background.TaskContext(job.id, user, huey, background.results_dir())
        every = heartbeat.interval(float(app.config["JOBS_HEARTBEAT_TIMEOUT"]))
        try:
            with heartbeat.Heartbeat(session.get_bind(), job_id, every):
                result_name = run_body(job, user, ctx)
            session.commit()
        except Exception as exc:
            session.rollback()
            log.exception("job %s (%s) failed", job_id, job.kind)
            shutil.rmtree(ctx.directory, ignore_errors=True)
            finish(session, job_id, ctx, error=user_message(exc, job_id))
        else:
            finish(session, job_id, ctx, result_name=result_name)
        finally:
            huey.delete(background.progress_key(job_id))


def run_body(job: BackgroundTask, user: Any, ctx: background.TaskContext) -> str | None:
    spec = background.TASKS.get(job.kind)
    if spec is None:
        raise background.TaskError(_l("This kind of job is no longer available: %(kind)s", kind=job.kind))
    if user is None or not user.is_active:
        raise background.TaskError(_l("The account that started this job no longer exists or is inactive"))
    with acting_as(user):
        result_name = spec.fn(ctx, **job.params)
    if result_name is not None and ctx.result_file is None:
        ctx.result_path(result_name)
    return result_name


def user_message(exc: Exception, job_id: int) -> str:
    """What the user reads on a failed job: the task's own message, a refused write, or a generic one."""
    if isinstance(exc, background.TaskError):
        return str(exc.message)
    if isinstance(exc, LedgerError):
        return str(exc)
    return str(
        _l(
            "The job stopped because of an internal error (job %(id)d); please tell the administrator",
            id=job_id,
        )
    )


def finish(
    session: Any, job_id: int, ctx: background.TaskContext, result_name: Any = None, error: Any = None
) -> None:
    job = session.get(BackgroundTask, job_id)
    job.status = "failed" if error is not None else "done"
    job.error = error
    job.done = ctx.done
    job.total = ctx.total if ctx.total is not None else (ctx.done if error is None else None)
    job.message = ctx.message
    job.finished_at = utcnow()
    if result_name is not None and ctx.result_file is not None and ctx.result_file.is_file():
        job.result_name = str(result_name)
        job.result_path = f"{job_id}/{ctx.result_file.name}"
    session.commit()
