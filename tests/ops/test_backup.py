"""`flask backup` / `flask restore`: a round trip of the database (SQLite online backup API or pg_dump /
pg_restore, whichever the suite runs on) and the attachments folder, into a scratch database; a restore into
a database holding rows is refused without --force."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app, db
from tests.conftest import TEST_OVERRIDES
from tests.factories.person import make_person_row
from tests.ledgers.case import HOME_TOWN


@pytest.fixture
def scratch_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the suite's kind: an SQLite file, or a PostgreSQL database dropped afterwards."""
    if not db_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"{make_url(db_url).database}_restore"
    admin = create_engine(make_url(db_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(db_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def person_name(person_id: int) -> Any:
    return db.session.execute(text("SELECT name FROM person WHERE id = :id"), {"id": person_id}).scalar()


def test_backup_restore__round_trip_of_a_record_and_its_attachment(
    app: Flask, scratch_url: str, tmp_path: Path
) -> None:
    app.config["ATTACHMENTS_DIR"] = str(tmp_path / "attachments")
    person = make_person_row(app, HOME_TOWN)
    scan = Path(app.config["ATTACHMENTS_DIR"]) / "person" / str(person.id) / "scan.pdf"
    scan.parent.mkdir(parents=True)
    scan.write_bytes(b"%PDF-1.4 scanned ID card")
    made = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backups")])
    assert made.exit_code == 0 and "已备份到" in made.output, made.output
    folder = next((tmp_path / "backups").iterdir())

    restored = create_app(
        {
            **TEST_OVERRIDES,
            "SQLALCHEMY_DATABASE_URI": scratch_url,
            "ATTACHMENTS_DIR": str(tmp_path / "restored"),
        }
    )
    runner = restored.test_cli_runner()
    copy = Path(restored.config["ATTACHMENTS_DIR"]) / "person" / str(person.id) / "scan.pdf"
    try:
        with restored.app_context():
            first = runner.invoke(args=["restore", str(folder)])
            assert first.exit_code == 0 and "已从" in first.output, first.output
            assert person_name(person.id) == "张三0" and copy.read_bytes() == scan.read_bytes()

            db.session.execute(text("UPDATE person SET name = '改过' WHERE id = :id"), {"id": person.id})
            db.session.commit()
            copy.unlink()
            refused = runner.invoke(args=["restore", str(folder)])
            assert (
                refused.exit_code != 0
                and "目标数据库不是空的" in refused.output
                and "--force" in refused.output
            )
            assert person_name(person.id) == "改过"

            forced = runner.invoke(args=["restore", str(folder / "manifest.json"), "--force"])
            assert forced.exit_code == 0, forced.output
            db.session.remove()
            assert person_name(person.id) == "张三0" and copy.read_bytes() == scan.read_bytes()
    finally:
        with restored.app_context():
            db.session.remove()
            db.engine.dispose()
