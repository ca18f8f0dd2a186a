"""Fixtures: one migrated, seeded database and one app per test session (SQLite by default, PostgreSQL when
TEST_DATABASE_URL says so), the app's per-test state reset and ledger tables emptied after each test, and
personas."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, delete, make_url, select, text

os.environ.setdefault("TAIZHANG_DEV", "1")

from app import codes, create_app, db  # noqa: E402
from app.calendar import store as calendar_store  # noqa: E402
from app.ledger import LEDGERS  # noqa: E402
from models import Model  # noqa: E402
from models.audit import AuditLog  # noqa: E402
from models.background import BackgroundTask  # noqa: E402
from models.followup import FollowUp  # noqa: E402
from models.org import OrgUnit  # noqa: E402
from models.workflow import Deadline, WorkflowEvent  # noqa: E402
from seed.demo.person import DEMO_PASSWORD  # noqa: E402
from tests.factories.background import running_worker  # noqa: E402
from tests.mutation import kept  # noqa: E402

# the badge is counted on every page: one app serves a worker's tests, whose clerks act within seconds of each
# other (its keeping is tested in tests/workflow/test_badge_cache.py)
TEST_OVERRIDES = {
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "TESTING": True,
    "INBOX_BADGE_SECONDS": 0,
}


def database_url(tmp: Path) -> str:
    """SQLite in the session's own folder, or TEST_DATABASE_URL; under pytest-xdist each worker has its own
    PostgreSQL database beside it (`<name>_gw0`, ...), made here and dropped at the end."""
    given = os.environ.get("TEST_DATABASE_URL")
    if not given:
        return f"sqlite:///{tmp / 'test.db'}"
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return given
    url = make_url(given)
    return url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)


@contextmanager
def worker_database(url: str) -> Iterator[None]:
    """The worker's own PostgreSQL database (database_url), created empty and dropped afterwards."""
    if url == os.environ.get("TEST_DATABASE_URL") or not url.startswith("postgresql"):
        yield
        return
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = admin.dialect.identifier_preparer.quote(target.database)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(scope="session")
def db_url() -> Iterator[str]:
    if REUSED:  # the app built before the session (TEST_REUSE_APP): a fresh copy of the database under it
        path = REUSED["path"]
        for stale in (path, path.with_name(f"{path.name}-journal"), path.with_name(f"{path.name}-wal")):
            stale.unlink(missing_ok=True)
        shutil.copyfile(sqlite_template(), path)
        yield REUSED["url"]
        return
    with tempfile.TemporaryDirectory() as tmp, worker_database(database_url(Path(tmp))):
        url = database_url(Path(tmp))
        if url.startswith("postgresql"):
            reset_postgres_schema(url)
            prepare_database(url)
        else:
            shutil.copyfile(sqlite_template(), Path(tmp) / "test.db")
        yield url


# what the prepared database is made from: a change to any such file here builds a new template (only
# source and data files: mutmut writes its results as *.meta files beside the mutated modules)
TEMPLATE_SOURCES = ("app", "models", "views", "seed", "migrations", "tests/conftest.py")
TEMPLATE_SUFFIXES = (".py", ".csv", ".ini", ".mako")


def sqlite_template() -> Path:
    """The migrated, seeded SQLite database, built once into the temp folder under a hash of what makes it,
    and copied by each session (milliseconds, where migrating and seeding take ~20 s): `make mutation` runs
    pytest once per mutant. Built under a lock into a scratch file and renamed, so that concurrent sessions
    (xdist workers, `mutmut`'s children) wait for one build and never see half a file."""
    template = Path(tempfile.gettempdir()) / f"taizhang-test-{template_key()}.sqlite"
    with open(f"{template}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            scratch = template.with_suffix(f".{os.getpid()}.building")
            scratch.unlink(missing_ok=True)
            prepare_database(f"sqlite:///{scratch}")
            os.replace(scratch, template)
    return template


def template_key() -> str:
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for source in TEMPLATE_SOURCES:
        top = root / source
        files = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in files:
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def prepare_database(url: str) -> None:
    """Migrate an empty database and seed the reference data and the demo users."""
    app = create_app({**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        from flask_migrate import upgrade

        from seed.demo.person import seed_users
        from seed.reference import load_reference

        upgrade()
        load_reference(app.appbuilder)
        seed_users(app.appbuilder)
        db.session.remove()
        db.engine.dispose()


def reset_postgres_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


class RequestClient(FlaskClient):
    """A test client whose every request finds its user from its own session cookie, as in production: a
    test keeps an app context open, and its `g` (where Flask-Login and FAB keep the user) would otherwise
    carry the last request's user into the next one, a session that expired or another client's."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if has_app_context():
            for name in ("_login_user", "user"):
                g.pop(name, None)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def shared_app(db_url: str) -> Iterator[Flask]:
    """One app for the whole session: building one costs about a second (werkzeug compiles ~800 URL rules),
    which per test was most of the suite's time. `fresh_app` gives each test a clean copy of its state."""
    app = REUSED["app"] if REUSED else create_app({**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": db_url})
    app.test_client_class = RequestClient
    yield app
    with app.app_context():
        db.engine.dispose()


# what an app builds on first use from its config (job queue, SMS adapter): rebuilt per test
PER_TEST_EXTENSIONS = ("jobs", "jobs.run", "sms_adapter", "sms_outbox")


@contextmanager
def fresh_app(app: Flask, overrides: dict[str, Any] | None = None) -> Iterator[Flask]:
    """The shared app as a new one would be: the test's config overrides on the session's config,
    caches and lazily built extensions dropped, the calendar reloaded; afterwards the config is restored
    and what the test wrote is removed."""
    saved_config = app.config.copy()
    app.config.update(overrides or {})
    drop_per_test_state(app)
    try:
        with app.app_context():
            calendar_store.reload(db.engine)
            yield app
            db.session.remove()
            empty_ledgers()
    finally:
        app.config.clear()
        app.config.update(saved_config)
        drop_per_test_state(app)


def drop_per_test_state(app: Flask) -> None:
    for key in PER_TEST_EXTENSIONS:
        app.extensions.pop(key, None)
    codes.clear_cache()


@pytest.fixture
def app(shared_app: Flask) -> Iterator[Flask]:
    with fresh_app(shared_app) as app:
        yield app


def empty_ledgers() -> None:
    """Tests share one seeded database: remove what a test wrote (history first, then ledger rows)."""
    ledger_tables = {spec.model.__table__ for spec in LEDGERS.values()}
    from models.notice import NoticeEntry, NoticeObjection
    from models.policy import MaterialReceipt, PolicyParameter
    from seed.demo.district_subsidy import DEMO_NOTE

    with db.engine.begin() as conn:
        for rows_of_ledger_rows in (NoticeObjection, NoticeEntry, MaterialReceipt):
            conn.execute(delete(rows_of_ledger_rows))
        conn.execute(delete(AuditLog))
        conn.execute(delete(PolicyParameter).where(PolicyParameter.note == DEMO_NOTE))  # the demo's figures
        conn.execute(delete(WorkflowEvent))
        conn.execute(delete(Deadline))
        for table in reversed(Model.metadata.sorted_tables):  # referring rows first
            if table in ledger_tables:
                conn.execute(delete(table))
        conn.execute(delete(OrgUnit).where(OrgUnit.code.like("T%")))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


# ---- background tasks: tests/background and tests/io take `jobs_app` as their `app` ----------------


@pytest.fixture
def jobs_config(tmp_path: Path) -> dict[str, Any]:
    """This test's own huey storage (an SQLite file) and results directory."""
    return {
        "JOBS_URL": f"sqlite:///{tmp_path / 'queue.db'}",
        "JOBS_RESULTS_DIR": str(tmp_path / "results"),
        "JOBS_QUEUE_NAME": "taizhang-test",
    }


@pytest.fixture
def jobs_app(shared_app: Flask, jobs_config: dict[str, Any]) -> Iterator[Flask]:
    """The web app of `app`, with this test's queue; jobs are removed afterwards."""
    with fresh_app(shared_app, jobs_config) as app:
        yield app
        db.session.remove()
        with db.engine.begin() as conn:
            conn.execute(delete(BackgroundTask))


@pytest.fixture
def worker(db_url: str, jobs_config: dict[str, Any]) -> Iterator[Flask]:
    """A real huey consumer thread on a second app built by create_app, what `flask jobs worker` does in its
    own process (tests/factories/background.py)."""
    with running_worker({**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": db_url, **jobs_config}) as worker_app:
        yield worker_app


def freeze_today(monkeypatch: pytest.MonkeyPatch, day: Any) -> dict[str, Any]:
    """A frozen, settable "today" (`clock["today"] = ...` moves it) for the workflow and policy tests."""
    clock = {"today": day}
    monkeypatch.setattr("app.clock.today", lambda: clock["today"])
    return clock


class Personas:
    """Log in as a demo account: `login("renhe_shequ")`."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, username: str, password: str = DEMO_PASSWORD) -> FlaskClient:
        """The client logged in as `username`; a refused login (wrong password, unknown or inactive user)
        fails here, since FAB answers it with a redirect back to the login page."""
        self.client.get("/logout/")
        response = self.client.post("/login/", data={"username": username, "password": password})
        assert response.status_code == 302, (username, response.status_code)
        assert "/login/" not in response.location, (username, response.location)
        return self.client


@pytest.fixture
def personas(client: FlaskClient) -> Personas:
    return Personas(client)


@pytest.fixture
def login(personas: Personas) -> Any:
    return personas.login


def followups_of(row: Any) -> dict[str, date]:
    """The follow-ups a ledger row triggered: rule → due date."""
    query = select(FollowUp).where(
        FollowUp.subject_ledger == row.__ledger__, FollowUp.subject_row_id == row.id
    )
    return {f.rule: f.due_on for f in db.session.execute(query).scalars()}


def org(name: str) -> OrgUnit:
    return db.session.execute(select(OrgUnit).where(OrgUnit.name == name)).scalars().first()


def first_community(town_name: str) -> OrgUnit:
    from seed.demo.person import find_org

    return find_org(db.session, f"{town_name}/1")


def reused_app() -> dict[str, Any]:
    """With TEST_REUSE_APP=1 (SQLite only): one app for every session of the process and of the processes
    forked from it, built by the first session (kept in tests/mutation/kept.py: pytest imports this module
    afresh per session). `make mutation` runs mutmut's clean run in its own process, then one pytest
    session per mutant forked from it: building the app (~5 s on two busy cores, werkzeug compiling ~800
    URL rules) was most of a mutant's time. Each session copies the database under the app afresh
    (db_url); the app holds no connection between sessions. Code that runs only while the app is built
    (the security kernel's init_app and manager) then runs without the mutant: not for app/security/ (see
    tests/MUTATION_SURVIVORS.md). Never built under mutmut's forced-failure run."""
    if not os.environ.get("TEST_REUSE_APP") or os.environ.get("TEST_DATABASE_URL"):
        return {}
    if os.environ.get("MUTANT_UNDER_TEST") == "fail":
        return kept.KEPT.get("app", {})
    return kept.once("app", build_reused_app)


def build_reused_app() -> dict[str, Any]:
    path = Path(tempfile.mkdtemp(prefix="taizhang-reused-")) / "test.db"
    shutil.copyfile(sqlite_template(), path)
    url = f"sqlite:///{path}"
    app = create_app({**TEST_OVERRIDES, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.engine.dispose()
    return {"app": app, "path": path, "url": url}


REUSED = reused_app()
