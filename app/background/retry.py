"""The retry button of a failed job (我的任务): its owner submits it again, same kind and parameters, and goes
to the new job's page. A mixin of the jobs view (views/background.py), which gives `visible_job`."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access

from app import background
from app.security.scope import current_actor


class RetryJobMixin:
    """POST /jobs/<id>/retry: only the job's own user, only a failed job of a kind still registered."""

    @expose("/<int:job_id>/retry", methods=["POST"])
    @has_access
    def retry(self, job_id: int) -> Any:
        job = self.visible_job(job_id)  # type: ignore[attr-defined]
        user = current_actor()
        if job.user_id != user.id:
            abort(403)
        try:
            new = background.resubmit(job, user)
        except background.TaskError as exc:
            flash(str(exc.message), "danger")
            return redirect(url_for("MyJobsView.progress", job_id=job_id))
        if new.status == "failed":
            flash(new.error or "", "danger")
        return redirect(url_for("MyJobsView.progress", job_id=new.id))
