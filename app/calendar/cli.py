"""`flask calendar import <file.csv> --year 2027 [--confirm]` and `flask calendar show 2027`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app import calendar
from app.calendar import schedule_import
from app.calendar.store import UNCONFIRMED
from models.calendar import Holiday

calendar_group = AppGroup("calendar", help="Working-day calendar: import and show a year's holidays.")


@calendar_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=int, required=True, help="the year the file schedules")
@click.option("--confirm", is_flag=True, help="mark the year as confirmed")
def import_command(path: Path, year: int, confirm: bool) -> None:
    """Import a year's State Council schedule (CSV: 日期,类型,名称); all rows or none."""
    try:
        days = schedule_import.import_schedule(
            current_app.appbuilder.session,  # type: ignore[attr-defined]
            year,
            path.read_bytes(),
            f"CSV: {path.name}"[:100],
            confirm,
        )
    except schedule_import.ScheduleError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{year}: {len(days)} rows imported{' (confirmed)' if confirm else ''}")


@calendar_group.command("show")
@click.argument("year", type=int)
def show_command(year: int) -> None:
    """List a year's holidays and make-up workdays and whether the year is confirmed."""
    session = current_app.appbuilder.session  # type: ignore[attr-defined]
    rows = session.execute(
        select(Holiday).where(Holiday.date >= date(year, 1, 1), Holiday.date <= date(year, 12, 31))
    ).scalars()
    for row in sorted(rows, key=lambda r: r.date):
        click.echo(f"{row.date.isoformat()}  {row.kind_label}  {row.name}")
    confirmed = calendar.current().is_confirmed(date(year, 1, 1))
    click.echo(f"{year}: {'confirmed' if confirmed else UNCONFIRMED}")
