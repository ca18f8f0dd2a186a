"""`flask jobs worker` runs the huey consumer (jobs and the nightly purge) for this app's JOBS_URL;
`flask jobs purge` deletes jobs and result files older than JOBS_RETENTION_DAYS now."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup

from app import background

jobs_group = AppGroup("jobs", help="Background jobs: the worker and the retention purge.")


@jobs_group.command("worker")
@click.option("--workers", default=2, show_default=True, help="worker threads")
def worker_command(workers: int) -> None:
    """Run the job worker until interrupted (Ctrl-C finishes running jobs first); on start, the jobs left
    running by a vanished worker are marked failed."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    background.recover()
    huey = background.queue(current_app._get_current_object())  # type: ignore[attr-defined]
    huey.create_consumer(workers=workers, worker_type="thread", periodic=True).run()


@jobs_group.command("purge")
def purge_command() -> None:
    """Delete jobs and result files older than the retention period."""
    count = background.purge()
    click.echo(f"已删除过期任务 {count} 个")
