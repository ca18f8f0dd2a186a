"""Excel work as background jobs (我的任务): an export above EXPORT_JOB_ROWS rows, the check (preview) of an
uploaded file above IMPORT_PREVIEW_JOB_BYTES and every import commit run in the worker with rows done /
total, as the job's user; the file or the error workbook is the job's result. A preview job also leaves its
report (counts and the first errors) beside its result, for the page where the user confirms the commit.
Uploads nobody committed are removed by the nightly purge after JOBS_RETENTION_DAYS."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from app import background
from app.io.cli import ERRORS_SUFFIX
from app.io.error_book import write_error_workbook
from app.io.export import export_ledger, file_name
from app.io.importer import ImportOptions, ImportReport, commit_import, preview_import
from app.io.reader import ImportRefused, import_dir
from app.ledger.registry import VIEWS, ledger_model
from models.background import BackgroundTask

log = logging.getLogger(__name__)

PREVIEW_FILE = "preview.json"  # the preview job's report, in the job's result directory
PREVIEW_ISSUES = 50  # the errors a preview page lists (the error workbook has them all)


def ledger_view(name: str) -> Any:
    """The registered view instance of a ledger (it knows the list page's filters and order)."""
    view_class = VIEWS[name]
    return next(view for view in current_app.appbuilder.baseviews if isinstance(view, view_class))  # type: ignore[attr-defined]


@background.task("ledger_export", _l("Ledger export"))
def ledger_export(ctx: background.TaskContext, ledger: str, fmt: str, args: dict[str, list[str]]) -> str:
    """The list page's rows as the request asked for them (search, filters, order), rebuilt in the worker."""
    name = file_name(ledger_model(ledger), ctx.user, fmt)
    with current_app.test_request_context(query_string=args):
        query = ledger_view(ledger).list_query()
        export_ledger(ledger, ctx.user, ctx.result_path(name), fmt, query, ctx.progress)
    return name


@background.task("ledger_import", _l("Ledger import"))
def ledger_import(
    ctx: background.TaskContext, ledger: str, path: str, filename: str, on_existing: str, all_or_nothing: bool
) -> str | None:
    """Write an uploaded file's valid rows in one transaction; the errors come back as a workbook."""
    source = Path(path)
    options = ImportOptions(on_existing, all_or_nothing)
    try:
        report = commit_import(ledger, source, ctx.user, options, ctx.progress, filename)
    except ImportRefused as exc:
        raise background.TaskError(exc.message) from exc
    if report.failure:
        raise background.TaskError(report.failure)
    outcome = _l("Written.") if report.committed else _l("Nothing was written.")
    ctx.progress(report.total, report.total, f"{report.summary()}　{outcome}")
    if report.committed:
        source.unlink(missing_ok=True)
    if not report.issues:
        return None
    name = f"{Path(filename).stem}_{ERRORS_SUFFIX}.xlsx"
    write_error_workbook(report, ctx.result_path(name))
    return name


def preview_page(job: BackgroundTask) -> str | None:
    """Where a finished preview job sends its user: the ledger's preview page, to confirm the commit."""
    view = VIEWS.get(job.params.get("ledger", ""))
    if view is None or not job.params.get("token"):
        return None
    return url_for(f"{view.__name__}.import_preview", token=job.params["token"])


@background.task("ledger_import_preview", _l("Import check"), follow_up=preview_page)
def ledger_import_preview(
    ctx: background.TaskContext,
    ledger: str,
    path: str,
    filename: str,
    on_existing: str,
    all_or_nothing: bool,
    token: str,
) -> str | None:
    """Check every row of an uploaded file without writing (what the preview page shows); the counts and
    the first errors are kept with the job, the error workbook is its result."""
    options = ImportOptions(on_existing, all_or_nothing)
    try:
        report = preview_import(ledger, Path(path), ctx.user, options, ctx.progress, filename)
    except ImportRefused as exc:
        raise background.TaskError(exc.message) from exc
    ctx.progress(report.total, report.total, report.summary())
    ctx.directory.mkdir(parents=True, exist_ok=True)
    (ctx.directory / PREVIEW_FILE).write_text(json.dumps(preview_summary(report), ensure_ascii=False))
    if not report.issues:
        return None
    name = f"{Path(filename).stem}_{ERRORS_SUFFIX}.xlsx"
    write_error_workbook(report, ctx.result_path(name))
    return name


def preview_summary(report: ImportReport) -> dict[str, Any]:
    return {
        "counts": report.counts,
        "issues": [str(issue) for issue in report.issues[:PREVIEW_ISSUES]],
        "issue_total": len(report.issues),
    }


def stored_preview(job: BackgroundTask) -> dict[str, Any] | None:
    """The report a finished preview job kept, or None (not finished, failed or purged)."""
    if job.kind != "ledger_import_preview" or job.status != "done":
        return None
    path = background.results_dir() / str(job.id) / PREVIEW_FILE
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def purge_uploads(cutoff: datetime) -> int:
    """Remove uploaded files (and their error workbooks) last touched before `cutoff`: files whose import
    was never committed; a committed import's upload is removed by its job."""
    removed = 0
    for path in import_dir().iterdir():
        if path.is_file() and datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None) < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        log.info("removed %d abandoned uploads", removed)
    return removed


background.register_cleanup(purge_uploads)
