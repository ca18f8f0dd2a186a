"""`flask ledger export|import`: the same functions as the web UI, acting as a named user (territory,
masking, permissions and history apply as if that user clicked the buttons)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from app.io.error_book import write_error_workbook
from app.io.export import export_ledger
from app.io.importer import ON_EXISTING, ImportOptions, commit_import, preview_import
from app.io.reader import ImportRefused
from app.ledger.registry import LEDGERS
from app.security.access import user_may

ERRORS_SUFFIX = _l("errors")


def acting_user(ledger_name: str, username: str, permission: str) -> Any:
    if ledger_name not in LEDGERS:
        raise click.UsageError(str(_l("Unknown ledger; choose one of: %(names)s", names=", ".join(LEDGERS))))
    sm = current_app.appbuilder.sm  # type: ignore[attr-defined]
    user = sm.find_user(username=username)
    if user is None or not user.is_active:
        raise click.UsageError(str(_l("No active user %(name)s", name=username)))
    if not user_may(user, permission, ledger_name):
        raise click.UsageError(str(_l("%(name)s may not do this on this ledger", name=username)))
    return user


def register_io_commands(app: Flask) -> None:
    @app.cli.group("ledger")
    def ledger_group() -> None:
        """Export and import ledgers as Excel/CSV."""

    @ledger_group.command("export")
    @click.argument("ledger_name")
    @click.option("--user", "username", required=True, help="act as this user (territory and masking apply)")
    @click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
    def export_command(ledger_name: str, username: str, out: Path) -> None:
        """Write the user's current rows of a ledger to .xlsx (or .csv by the file's suffix)."""
        user = acting_user(ledger_name, username, "can_read")
        fmt = "csv" if out.suffix.lower() == ".csv" else "xlsx"
        count = export_ledger(ledger_name, user, out, fmt)
        click.echo(str(_l("%(count)d rows written to %(path)s", count=count, path=str(out))))

    @ledger_group.command("import")
    @click.argument("ledger_name")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--user", "username", required=True, help="act as this user (territory and history apply)")
    @click.option("--commit", is_flag=True, help="write the rows (default: only check them)")
    @click.option("--on-existing", type=click.Choice(ON_EXISTING), default="error", show_default=True)
    @click.option("--valid-only", is_flag=True, help="write the valid rows even when others fail")
    def import_command(
        ledger_name: str, path: Path, username: str, commit: bool, on_existing: str, valid_only: bool
    ) -> None:
        """Check (and with --commit write) a ledger file; errors go to <file>_errors.xlsx beside it."""
        user = acting_user(ledger_name, username, "can_write")
        options = ImportOptions(on_existing=on_existing, all_or_nothing=not valid_only)
        run = commit_import if commit else preview_import
        try:
            report = run(ledger_name, path, user, options)
        except ImportRefused as exc:
            raise click.ClickException(exc.message) from exc
        click.echo(report.summary())
        if report.issues:
            errors_path = path.with_name(f"{path.stem}_{ERRORS_SUFFIX}.xlsx")
            write_error_workbook(report, errors_path)
            click.echo(str(_l("Error workbook: %(path)s", path=str(errors_path))))
        if report.failure:
            raise click.ClickException(report.failure)
        if commit:
            click.echo(str(_l("Written.") if report.committed else _l("Nothing was written.")))
        if report.counts["error"]:
            raise SystemExit(1)
