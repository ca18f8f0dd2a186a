"""我的任务: the user's background jobs (the administrator sees everyone's) with status, progress, duration,
result download and error; a progress page per job polls /jobs/<id>/status every second and, for a job
that leads on to another page (an import check leads to its confirmation), goes there when it is done."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, jsonify, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import background
from app.background.retry import RetryJobMixin
from app.io.download import download
from app.security.scope import current_actor
from app.templating import beijing, person_name
from models.background import BackgroundTask
from models.base import utcnow

LIST_LIMIT = 200  # jobs are kept JOBS_RETENTION_DAYS days, so this is rarely reached


def duration(job: BackgroundTask) -> str:
    if job.started_at is None:
        return ""
    seconds = int(((job.finished_at or utcnow()) - job.started_at).total_seconds())
    if seconds < 60:
        return str(_l("%(seconds)d s", seconds=seconds))
    return str(_l("%(minutes)d min %(seconds)d s", minutes=seconds // 60, seconds=seconds % 60))


def job_state(job: BackgroundTask) -> dict[str, Any]:
    """What the list row and the status endpoint show of one job."""
    done, total, message = background.live_progress(job)
    percent = 100 if job.status == "done" else (min(100, int(done * 100 / total)) if total else 0)
    has_file = background.result_file(job) is not None
    spec = background.TASKS.get(job.kind)
    follow_up = spec.follow_up if spec is not None and job.status == "done" else None
    return {
        "id": job.id,
        "label": job.label,
        "owner": job.user.username if job.user is not None else "",
        "owner_name": person_name(job.user),
        "status": job.status,
        "status_label": job.status_label,
        "finished": job.finished,
        "done": done,
        "total": total,
        "percent": percent,
        "message": message or "",
        "error": job.error or "",
        "created": beijing(job.created_at),
        "started": beijing(job.started_at),
        "duration": duration(job),
        "result_name": job.result_name if has_file else "",
        "download_url": url_for("MyJobsView.download", job_id=job.id) if has_file else "",
        "page_url": url_for("MyJobsView.progress", job_id=job.id),
        "next_url": (follow_up(job) or "") if follow_up is not None else "",
    }


class MyJobsView(RetryJobMixin, BaseView):
    """我的任务 and the job pages; one coarse permission (can_read on "jobs") for every role."""

    route_base = "/jobs"
    default_view = "list"
    class_permission_name = "jobs"
    method_permission_name = dict.fromkeys(
        ("list", "progress", "status", "download", "start", "retry"), "read"
    )

    def visible_job(self, job_id: int) -> BackgroundTask:
        """The job if the current user may see it (their own; the administrator: any), else 404."""
        query = select(BackgroundTask).where(
            BackgroundTask.id == job_id, background.visible_jobs(current_actor())
        )
        job = self.appbuilder.session.execute(query).scalars().first()
        if job is None:
            abort(404)
        return job

    @expose("/")
    @has_access
    def list(self) -> Any:
        user = current_actor()
        query = (
            select(BackgroundTask)
            .where(background.visible_jobs(user))
            .order_by(BackgroundTask.created_at.desc(), BackgroundTask.id.desc())
            .limit(LIST_LIMIT)
        )
        rows = [job_state(job) for job in self.appbuilder.session.execute(query).scalars()]
        startable = [spec for spec in background.TASKS.values() if spec.startable]
        return self.render_template(
            "jobs/list.html",
            rows=rows,
            startable=startable,
            title=_l("My jobs"),
            show_owner=background.is_admin(user),
        )

    @expose("/<int:job_id>")
    @has_access
    def progress(self, job_id: int) -> Any:
        job = self.visible_job(job_id)
        return self.render_template("jobs/progress.html", job=job_state(job), title=job.label)

    @expose("/<int:job_id>/status")
    @has_access
    def status(self, job_id: int) -> Any:
        return jsonify(job_state(self.visible_job(job_id)))

    @expose("/<int:job_id>/download")
    @has_access
    def download(self, job_id: int) -> Any:
        job = self.visible_job(job_id)
        path = background.result_file(job)
        if path is None:
            abort(404)
        return download(path, job.result_name or path.name)

    @expose("/start/<kind>", methods=["POST"])
    @has_access
    def start(self, kind: str) -> Any:
        """Start a job kind that needs no parameters (a report of the user's territory)."""
        spec = background.TASKS.get(kind)
        if spec is None or not spec.startable or request.method != "POST":
            abort(404)
        job = background.submit(kind, {}, current_actor())
        if job.status == "failed":
            flash(job.error or "", "danger")
            return redirect(url_for("MyJobsView.list"))
        return redirect(url_for("MyJobsView.progress", job_id=job.id))


def register_jobs(appbuilder: Any) -> None:
    appbuilder.add_view(MyJobsView, "my_jobs", label=_l("My jobs"), icon="fa-tasks")
