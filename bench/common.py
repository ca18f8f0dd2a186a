"""What the benchmarks share: the cached district-scale database, the app, timing and reporting helpers.

The database (250,000 persons by default) is built once with the migrations and the seed modules
(``seed.reference``, ``seed.demo.person``) and cached: SQLite under ``bench/out/`` (one file per person
count), PostgreSQL in the database ``taizhang_bench`` (or the one a script passes as ``pg_db``).

Imported by the scripts as ``from bench import common`` (each puts the repository root on ``sys.path``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("TAIZHANG_DEV", "1")

from sqlalchemy import create_engine, text  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
PG_ADMIN = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt", "-c"]
PG_DB = "taizhang_bench"
PERSONS = 250_000
SEED = 2026


# ---- the database ---------------------------------------------------------------------------------


def pg_url(pg_db: str = PG_DB) -> str:
    """The bench database's URL with whichever PostgreSQL driver is installed (psycopg 3 or psycopg2)."""
    import importlib.util

    driver = "psycopg" if importlib.util.find_spec("psycopg") else "psycopg2"
    return f"postgresql+{driver}://postgres@127.0.0.1/{pg_db}"


def pg_available() -> bool:
    try:
        done = subprocess.run([*PG_ADMIN, "select 1"], capture_output=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def pg_admin(sql: str) -> str:
    return subprocess.run([*PG_ADMIN, sql], capture_output=True, text=True, check=True).stdout.strip()


def populated(url: str, persons: int) -> bool:
    """Whether `url` holds a finished build: the demo users and exactly `persons` persons."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM person")).scalar_one()
            users = conn.execute(
                text("SELECT count(*) FROM ab_user WHERE username IN ('qu_jingban', 'renhe_jingban')")
            ).scalar_one()
        return count == persons and users == 2
    except Exception:  # noqa: BLE001 - missing tables or database: not populated
        return False
    finally:
        engine.dispose()


def make_app(url: str) -> Any:
    from app import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})


def build(url: str, persons: int) -> None:
    import flask_migrate

    from seed.demo.person import seed_persons, seed_users
    from seed.reference import load_reference

    app = make_app(url)
    with app.app_context():
        started = time.perf_counter()
        flask_migrate.upgrade()
        load_reference(app.appbuilder)
        seed_users(app.appbuilder)
        print(f"  schema + reference data + users: {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        seed_persons(app.appbuilder.session, persons, SEED)
        print(f"  {persons:,} persons: {time.perf_counter() - started:.1f} s", flush=True)
        from app import db

        db.session.remove()
        db.engine.dispose()


def prepare_database(use_pg: bool, persons: int, rebuild: bool, pg_db: str = PG_DB) -> str:
    """The URL of the cached database with `persons` persons, built first when missing or `rebuild`."""
    if use_pg:
        url = pg_url(pg_db)
        exists = pg_admin(f"SELECT 1 FROM pg_database WHERE datname = '{pg_db}'") == "1"
        if exists and not rebuild and populated(url, persons):
            print(f"reusing PostgreSQL database {pg_db} ({persons:,} persons)")
            return url
        if exists:
            pg_admin(f"DROP DATABASE {pg_db} WITH (FORCE)")
        pg_admin(f"CREATE DATABASE {pg_db}")
        print(f"building PostgreSQL database {pg_db} with {persons:,} persons ...", flush=True)
        build(url, persons)
        with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
        return url
    OUT.mkdir(exist_ok=True)
    path = OUT / f"persons_{persons}.sqlite"
    url = f"sqlite:///{path}"
    if path.exists() and not rebuild and populated(url, persons):
        print(f"reusing {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
        return url
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    print(f"building {path.name} with {persons:,} persons ...", flush=True)
    build(f"sqlite:///{partial}", persons)
    with create_engine(f"sqlite:///{partial}").connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    shutil.move(partial, path)
    return url


def upgrade(app: Any) -> None:
    """Bring a cached database to the code's migrations (e.g. new indexes), analysed again when something
    changed, so the planner knows the new indexes."""
    import flask_migrate
    from alembic.migration import MigrationContext

    from app import db

    def revision() -> Any:
        with db.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_heads()

    before = revision()
    flask_migrate.upgrade()
    if revision() != before:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        print(f"  upgraded the cached database from {before} and analysed it", flush=True)


# ---- command line -----------------------------------------------------------------------------------


def parser(doc: str, pg_help: str, sqlite_help: str) -> argparse.ArgumentParser:
    """The options every benchmark takes: --persons, --pg | --sqlite, --rebuild."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=PERSONS)
    backend = parser.add_mutually_exclusive_group()
    backend.add_argument("--pg", action="store_true", help=pg_help)
    backend.add_argument("--sqlite", action="store_true", help=sqlite_help)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    return parser


def use_pg(args: argparse.Namespace, auto: bool = False) -> bool:
    """Whether to use PostgreSQL: --pg (exits when it does not answer), or, with `auto`, whenever it
    answers and --sqlite is not given."""
    if args.pg and not pg_available():
        sys.exit("PostgreSQL is not reachable at 127.0.0.1 as postgres")
    return args.pg or (auto and not args.sqlite and pg_available())


def reproduce(script: str, pg: bool, persons: int, extra: str = "") -> None:
    """Print the command line that runs this benchmark again with the same options."""
    flags = " --pg" if pg else " --sqlite"
    if persons != PERSONS:
        flags += f" --persons {persons}"
    print(
        f"\nreproduce: cd /work/main && PYTHONPATH=. TAIZHANG_DEV=1 .venv/bin/python bench/{script}{flags}{extra}"
    )


# ---- timing and reporting ---------------------------------------------------------------------------


def timed(fn: Callable[[], Any], warmup: int, runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls of `fn`, after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def padded(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(width - columns, 0)
