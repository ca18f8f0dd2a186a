"""What the production-profile tests share (test_production.py, test_two_processes.py): a PostgreSQL database
with the reference data and the demo users, an app to write the test's rows into it, and an empty Redis
database. Each test module names its own PostgreSQL database and Redis database (PROFILE_DATABASE,
PROFILE_REDIS), so that two of them on two pytest-xdist workers do not drop or empty each other's."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import redis
from flask import Flask
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url

from app import create_app, db
from models.background import BackgroundTask
from tests.conftest import TEST_OVERRIDES, empty_ledgers, prepare_database


def own_database(name: str) -> Iterator[str]:
    """A migrated, seeded PostgreSQL database of this test, dropped afterwards."""
    server = make_url(os.environ.get("PRODUCTION_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"))
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        prepare_database(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def production_db(db_url: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """The suite's database when it is PostgreSQL (each xdist worker has its own), else the module's own."""
    if db_url.startswith("postgresql"):
        yield db_url
    else:
        yield from own_database(request.module.PROFILE_DATABASE)


@pytest.fixture
def data_app(production_db: str) -> Iterator[Flask]:
    """An app on the profile's database to write the test's rows; they are removed afterwards."""
    app = create_app({**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": production_db})
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            empty_ledgers()
            with db.engine.begin() as conn:
                conn.execute(delete(BackgroundTask))
            db.engine.dispose()


@pytest.fixture
def redis_db(request: pytest.FixtureRequest) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(request.module.PROFILE_REDIS)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()
