"""The Excel routes every LedgerView inherits: export (current search, filters and order) as .xlsx or
.csv, "export selected", template download, and the import flow upload → preview → commit → result.
Uploaded files stay under instance/imports/ and the session keeps only their token. A file up to
IMPORT_PREVIEW_JOB_BYTES (200 KB, about 2,000 rows of .xlsx) is checked inside the upload request; a
larger one by a background job whose page goes on to the same preview when the check is done."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_appbuilder.actions import action as bulk_action
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.urltools import get_filter_args, get_order_args
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import background
from app.io.cli import ERRORS_SUFFIX
from app.io.download import download
from app.io.error_book import write_error_workbook
from app.io.export import export_ledger, file_name
from app.io.importer import ON_EXISTING, ImportOptions, preview_import
from app.io.reader import SUFFIXES, ImportRefused, check_file, import_dir
from app.io.tasks import PREVIEW_ISSUES, stored_preview
from app.io.template import write_template
from app.security.scope import current_actor, scope_query
from models.background import BackgroundTask

FORMATS = ("xlsx", "csv")  # of an export; the content type follows the file name (app/io/download.py)
SESSION_KEY = "ledger_imports"
TEMPLATE_SUFFIX = _l("Import template")
IO_PERMISSIONS = {
    "export": "read",
    "export_selected": "read",
    "import_template": "write",
    "import_upload": "write",
    "import_preview": "write",
    "import_commit": "write",
    "import_errors": "write",
}


class LedgerIOMixin:
    """Mixed into LedgerView; `self.model` is the ledger model."""

    model: Any
    datamodel: Any

    def send_export(self, fmt: str, query: Any) -> Any:
        user = current_actor()
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response
        export_ledger(self.model.__ledger__, user, handle, fmt, query)
        return download(handle, file_name(self.model, user, fmt), fallback="export")

    def list_query(self) -> Any:
        """The list page's rows as the request's search, filters and order make them (all pages)."""
        view: Any = self
        order = get_order_args().get(type(self).__name__) or view.base_order or ("", "")
        get_filter_args(view._filters)
        filters = view._filters.get_joined_filters(view._base_filters)
        return self.datamodel.apply_all(self.datamodel.session.query(self.model), filters, *order)

    @expose("/export/<fmt>", methods=["GET"])
    @has_access
    def export(self, fmt: str) -> Any:
        """Small exports stream back at once; above EXPORT_JOB_ROWS rows they become a job with progress."""
        if fmt not in FORMATS:
            abort(404)
        query = self.list_query()
        if query.count() > current_app.config["EXPORT_JOB_ROWS"]:
            params = {"ledger": self.model.__ledger__, "fmt": fmt, "args": request.args.to_dict(flat=False)}
            job = background.submit("ledger_export", params, current_actor())
            return redirect(url_for("MyJobsView.progress", job_id=job.id))
        return self.send_export(fmt, query)

    @bulk_action("export_selected", _l("Export to Excel"), None, "fa-file-excel-o", single=False)
    def export_selected(self, items: Any) -> Any:
        """The rows ticked on the list page (already scoped by LedgerView.action_post)."""
        ids = [item.id for item in (items if isinstance(items, list) else [items])]
        query = select(self.model).where(self.model.id.in_(ids)).order_by(self.model.id)
        return self.send_export("xlsx", scope_query(query, self.model, current_actor()))

    @expose("/import/template", methods=["GET"])
    @has_access
    def import_template(self) -> Any:
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response
        write_template(self.model.__ledger__, current_actor(), handle)
        return download(handle, f"{self.model.__ledger_label__}_{TEMPLATE_SUFFIX}.xlsx")

    def render_io(self, template: str, **kwargs: Any) -> Any:
        view: Any = self
        return view.render_template(template, title=self.model.__ledger_label__, **kwargs)

    @expose("/import/", methods=["GET", "POST"])
    @has_access
    def import_upload(self) -> Any:
        """Upload and preview: every row is validated, nothing is written."""
        if request.method == "GET":
            return self.render_io("ledger/import_upload.html", suffixes=", ".join(SUFFIXES))
        upload = request.files.get("file")
        options = ImportOptions(
            on_existing=request.form.get("on_existing", "error"),
            all_or_nothing=request.form.get("mode", "all") == "all",
        )
        if upload is None or not upload.filename or options.on_existing not in ON_EXISTING:
            flash(str(_l("Choose a file to import")), "danger")
            return redirect(url_for(f"{type(self).__name__}.import_upload"))
        token = secrets.token_hex(16)
        suffix = Path(upload.filename).suffix.lower()
        path = import_dir() / f"{token}{suffix if suffix in SUFFIXES else '.bin'}"
        upload.save(path)
        entry = {
            "ledger": self.model.__ledger__,
            "user_id": current_actor().id,
            "path": path.name,
            "filename": upload.filename,
            "on_existing": options.on_existing,
            "all_or_nothing": options.all_or_nothing,
        }
        try:
            check_file(path, upload.filename)
            if path.stat().st_size > current_app.config["IMPORT_PREVIEW_JOB_BYTES"]:
                return self.preview_job(token, path, entry)
            report = preview_import(
                self.model.__ledger__, path, current_actor(), options, filename=upload.filename
            )
        except ImportRefused as exc:
            path.unlink(missing_ok=True)
            flash(exc.message, "danger")
            return redirect(url_for(f"{type(self).__name__}.import_upload"))
        self.remember(token, entry)
        return self.render_io(
            "ledger/import_preview.html",
            report=report,
            token=token,
            options=options,
            filename=upload.filename,
            issues=report.issues[:PREVIEW_ISSUES],
        )

    def remember(self, token: str, entry: dict[str, Any]) -> None:
        imports = session.get(SESSION_KEY, {})
        imports[token] = entry
        session[SESSION_KEY] = imports

    def preview_job(self, token: str, path: Path, entry: dict[str, Any]) -> Any:
        """A large file is checked by a job; its progress page goes on to import_preview."""
        params = {
            "ledger": entry["ledger"],
            "path": str(path),
            "filename": entry["filename"],
            "on_existing": entry["on_existing"],
            "all_or_nothing": entry["all_or_nothing"],
            "token": token,
        }
        job = background.submit("ledger_import_preview", params, current_actor())
        if job.status == "failed":
            path.unlink(missing_ok=True)
            flash(job.error or "", "danger")
            return redirect(url_for(f"{type(self).__name__}.import_upload"))
        self.remember(token, {**entry, "preview_job": job.id})
        return redirect(url_for("MyJobsView.progress", job_id=job.id))

    @expose("/import/preview/<token>", methods=["GET"])
    @has_access
    def import_preview(self, token: str) -> Any:
        """The report of a preview job: counts and the first errors, then the user confirms as for a small
        file. While the check runs (or if it failed) the job's page is shown instead."""
        entry = self.pending(token)
        job = self.datamodel.session.get(BackgroundTask, entry.get("preview_job") or 0)
        if job is None or job.user_id != current_actor().id:
            abort(404)
        summary = stored_preview(job)
        if summary is None:
            return redirect(url_for("MyJobsView.progress", job_id=job.id))
        errors_url = url_for("MyJobsView.download", job_id=job.id) if summary["issue_total"] else None
        return self.render_io(
            "ledger/import_preview.html",
            report=SimpleNamespace(counts=summary["counts"]),
            token=token,
            options=ImportOptions(entry["on_existing"], entry["all_or_nothing"]),
            filename=entry["filename"],
            issues=summary["issues"],
            issue_total=summary["issue_total"],
            errors_url=errors_url,
        )

    def pending(self, token: str) -> dict[str, Any]:
        entry = session.get(SESSION_KEY, {}).get(token)
        if entry is None or (entry["ledger"], entry["user_id"]) != (
            self.model.__ledger__,
            current_actor().id,
        ):
            abort(404)
        return dict(entry)

    @expose("/import/commit/<token>", methods=["POST"])
    @has_access
    def import_commit(self, token: str) -> Any:
        """Writing runs as a job (progress on its page; the error workbook is its result). "Errors only"
        re-checks the file here and offers the error workbook without writing."""
        entry = self.pending(token)
        path = import_dir() / entry["path"]
        if not request.form.get("errors_only"):
            params = {
                "ledger": self.model.__ledger__,
                "path": str(path),
                "filename": entry["filename"],
                "on_existing": entry["on_existing"],
                "all_or_nothing": entry["all_or_nothing"],
            }
            job = background.submit("ledger_import", params, current_actor())
            return redirect(url_for("MyJobsView.progress", job_id=job.id))
        options = ImportOptions(entry["on_existing"], entry["all_or_nothing"])
        try:
            report = preview_import(
                self.model.__ledger__, path, current_actor(), options, filename=entry["filename"]
            )
        except ImportRefused as exc:
            flash(exc.message, "danger")
            return redirect(url_for(f"{type(self).__name__}.import_upload"))
        if report.issues:
            write_error_workbook(report, import_dir() / f"{token}-errors.xlsx")
        return self.render_io(
            "ledger/import_result.html",
            report=report,
            token=token,
            options=options,
            issues=report.issues[:PREVIEW_ISSUES],
        )

    @expose("/import/errors/<token>", methods=["GET"])
    @has_access
    def import_errors(self, token: str) -> Any:
        entry = self.pending(token)
        path = import_dir() / f"{token}-errors.xlsx"
        if not path.exists():
            abort(404)
        stem = Path(entry["filename"]).stem
        return download(path, f"{stem}_{ERRORS_SUFFIX}.xlsx")
