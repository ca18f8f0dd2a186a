"""On SQLite a long write transaction (a big import's commit) no longer makes other requests fail with
"database is locked": WAL lets readers go on, and a busy timeout makes a second writer wait."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app import create_app, db
from tests.conftest import TEST_OVERRIDES


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """The engine of an app on its own SQLite file (whatever database the suite runs on)."""
    app: Flask = create_app(
        {**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'lock.db'}"}
    )
    with app.app_context():
        engine = db.engine
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))
            conn.execute(text("INSERT INTO note (body) VALUES ('before')"))
        yield engine
        engine.dispose()


def test_sqlite__reader_goes_on_while_a_writer_holds_its_transaction(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as writer, sqlite_engine.connect() as reader:
        assert writer.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        writer.exec_driver_sql("BEGIN EXCLUSIVE")
        writer.execute(text("INSERT INTO note (body) VALUES ('import')"))
        assert reader.execute(text("SELECT body FROM note")).scalars().all() == ["before"]
        writer.exec_driver_sql("COMMIT")


def test_sqlite__second_writer_waits_for_the_first_instead_of_failing(sqlite_engine: Engine) -> None:
    holding, release = threading.Event(), threading.Event()

    def first_writer() -> None:
        with sqlite_engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            conn.execute(text("INSERT INTO note (body) VALUES ('first')"))
            holding.set()
            release.wait(10)
            conn.exec_driver_sql("COMMIT")

    thread = threading.Thread(target=first_writer)
    thread.start()
    assert holding.wait(10)
    with sqlite_engine.connect() as second:
        assert second.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 30_000
        second.rollback()
        threading.Timer(0.2, release.set).start()  # the first writer commits while the second one waits
        with second.begin():
            second.execute(text("INSERT INTO note (body) VALUES ('second')"))
    thread.join()
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("SELECT body FROM note ORDER BY id")).scalars().all() == [
            "before",
            "first",
            "second",
        ]
