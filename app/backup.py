"""Backup and restore of the whole system: the database (PostgreSQL through pg_dump/pg_restore in custom
format, SQLite through its online backup API, so the server keeps running) and the attachments folder
(ATTACHMENTS_DIR), into one directory with a manifest:

    flask backup /srv/backups
        → /srv/backups/taizhang-20261203-031500/{manifest.json, database.*, attachments.tar.gz}
    flask restore /srv/backups/taizhang-20261203-0315 [--force]

A restore refuses a database that already holds rows unless --force (then its contents are replaced)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import inspect, select, table, text
from sqlalchemy.engine import Engine, make_url

MANIFEST = "manifest.json"
ATTACHMENTS = "attachments.tar.gz"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why (in Chinese, for the administrator)."""


def engine() -> Engine:
    return current_app.extensions["sqlalchemy"].engine


def dialect() -> str:
    name = engine().dialect.name
    if name not in DUMPS:
        raise BackupError(f"不支持备份 {name} 数据库（仅支持 PostgreSQL 和 SQLite）")
    return name


def attachments_dir() -> Path:
    return Path(current_app.config["ATTACHMENTS_DIR"])


def libpq(url: Any) -> tuple[str, dict[str, str]]:
    """The database URL as pg_dump/pg_restore take it, and the environment carrying its password."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 失败（退出码 {result.returncode}）：{result.stderr.strip()[-2000:]}")


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy one SQLite database onto another page by page (online: other connections may stay open)."""
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target)) as writer:
        reader.backup(writer)


def revision() -> str | None:
    with engine().connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup(target: Path) -> Path:
    """Write a backup directory under `target` and return it."""
    kind = dialect()
    folder = Path(target) / f"taizhang-{datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=False)
    dump = folder / DUMPS[kind]
    if kind == "postgresql":
        url, env = libpq(engine().url)
        run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", f"--dbname={url}"], env)
    else:
        sqlite_copy(Path(str(engine().url.database)), dump)
    with tarfile.open(folder / ATTACHMENTS, "w:gz") as archive:
        if attachments_dir().is_dir():
            archive.add(attachments_dir(), arcname=".")
    manifest = {
        "format": 1,
        "dialect": kind,
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "revision": revision(),
        "database": dump.name,
        "attachments": ATTACHMENTS,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def holds_rows() -> bool:
    """Whether any table of the database (but Alembic's) has a row."""
    with engine().connect() as conn:
        names = [name for name in inspect(conn).get_table_names() if name != "alembic_version"]
        return any(
            conn.execute(select(text("1")).select_from(table(name)).limit(1)).first() for name in names
        )


def read_manifest(source: Path) -> tuple[Path, dict[str, Any]]:
    folder = source.parent if source.is_file() else source
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} 不是备份目录（缺少 {MANIFEST}）")
    return folder, json.loads(path.read_text(encoding="utf-8"))


def restore(source: Path, force: bool = False) -> dict[str, Any]:
    """Replace the database and the attachments folder by the backup at `source` (its directory or a file in
    it); refused into a database holding rows unless `force`."""
    folder, manifest = read_manifest(Path(source))
    kind = dialect()
    if manifest.get("dialect") != kind:
        raise BackupError(f"备份来自 {manifest.get('dialect')} 数据库，不能恢复到 {kind} 数据库")
    if holds_rows() and not force:
        raise BackupError("目标数据库不是空的：恢复会覆盖其中的全部数据。确认无误后加 --force 再执行")
    dump = folder / manifest["database"]
    current_app.extensions["sqlalchemy"].session.remove()  # no open transaction may hold a table
    engine().dispose()
    if kind == "postgresql":
        url, env = libpq(engine().url)
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        run([*command, f"--dbname={url}", str(dump)], env)
    else:
        sqlite_copy(dump, Path(str(engine().url.database)))
    restore_attachments(folder / manifest["attachments"])
    return manifest


def restore_attachments(archive_path: Path) -> None:
    """Unpack into a fresh folder beside ATTACHMENTS_DIR, then swap it in."""
    target = attachments_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".restore-", dir=target.parent))
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(fresh, filter="data")
    if target.exists():
        shutil.rmtree(target)
    fresh.rename(target)


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(directory: Path) -> None:
    """Back up the database and the attachments into a new folder under DIRECTORY."""
    try:
        folder = backup(directory)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"已备份到 {folder}")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="replace a database that already holds data")
@with_appcontext
def restore_command(source: Path, force: bool) -> None:
    """Restore the database and the attachments from a backup folder (or a file in it)."""
    try:
        manifest = restore(source, force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"已从 {source} 恢复（备份时间 {manifest.get('created_at')}，数据库版本 {manifest.get('revision')}）"
    )
