"""The kernel's Flask commands: `flask ledger export|import` (app/io/cli.py), `flask calendar`
(app/calendar/cli.py), `flask jobs worker|purge` (app/background/cli.py), `flask backup|restore`
(app/backup.py). A domain module adds its own group as `cli` (app/domain/__init__.py); `flask seed` and
`flask seed-demo` are seed/cli.py's."""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    from app.io.cli import register_io_commands

    register_io_commands(app)

    from app.calendar.cli import calendar_group

    app.cli.add_command(calendar_group)

    from app.background.cli import jobs_group

    app.cli.add_command(jobs_group)

    from app.backup import backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
