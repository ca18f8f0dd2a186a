"""Excel work as background jobs (我的任务): an export above EXPORT_JOB_ROWS rows and every import commit run
in the worker with rows done / total, as the job's user; the file or the error workbook is the job's result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from app import jobs
from app.io.cli import ERRORS_SUFFIX
from app.io.error_book import write_error_workbook
from app.io.export import export_ledger, file_name
from app.io.importer import ImportOptions, commit_import
from app.io.reader import ImportRefused
from app.ledger import LEDGERS, ledger_model


def ledger_view(name: str) -> Any:
    """The registered view instance of a ledger (it knows the list page's filters and order)."""
    view_class = LEDGERS[name]
    return next(view for view in current_app.appbuilder.baseviews if isinstance(view, view_class))


@jobs.task("ledger_export", _l("Ledger export"))
def ledger_export(ctx: jobs.JobContext, ledger: str, fmt: str, args: dict[str, list[str]]) -> str:
    """The list page's rows as the request asked for them (search, filters, order), rebuilt in the worker."""
    name = file_name(ledger_model(ledger), ctx.user, fmt)
    with current_app.test_request_context(query_string=args):
        query = ledger_view(ledger).list_query()
        export_ledger(ledger, ctx.user, ctx.result_path(name), fmt, query, ctx.progress)
    return name


@jobs.task("ledger_import", _l("Ledger import"))
def ledger_import(
    ctx: jobs.JobContext, ledger: str, path: str, filename: str, on_existing: str, all_or_nothing: bool
) -> str | None:
    """Write an uploaded file's valid rows in one transaction; the errors come back as a workbook."""
    source = Path(path)
    options = ImportOptions(on_existing, all_or_nothing)
    try:
        report = commit_import(ledger, source, ctx.user, options, ctx.progress, filename)
    except ImportRefused as exc:
        raise jobs.JobError(exc.message) from exc
    if report.failure:
        raise jobs.JobError(report.failure)
    outcome = _l("Written.") if report.committed else _l("Nothing was written.")
    ctx.progress(report.total, report.total, f"{report.summary()}　{outcome}")
    if report.committed:
        source.unlink(missing_ok=True)
    if not report.issues:
        return None
    name = f"{Path(filename).stem}_{ERRORS_SUFFIX}.xlsx"
    write_error_workbook(report, ctx.result_path(name))
    return name
