"""Browser fixtures: the real app served by `flask run` in a subprocess (a fresh database, migrated and
seeded with the demo data), and Debian's Chromium driven through Playwright's sync API.

The database is a SQLite file, or — when TEST_DATABASE_URL names a PostgreSQL database, as for the other
tests — a database of its own beside that one (`<name>_e2e`, `<name>_e2e_gw0` under pytest-xdist, created
afresh and dropped afterwards: the other tests empty theirs while the server runs).

Chromium is never downloaded by Playwright: it is /usr/bin/chromium from Debian (`.ci/run` installs it).
A missing browser fails the tests, it does not skip them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import URL, create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PERSONS = "300"  # with DEMO_SEED 3, enough for the demo subsidies to reach a published 公示 (to print)
DEMO_SEED = "3"
STARTUP_TIMEOUT = 60.0
SETUP_COMMAND_TIMEOUT = 300


@dataclass
class LiveServer:
    url: str
    log: Path
    database_url: str

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        wanted = [line for line in text.splitlines() if '"GET /static/' not in line]
        return "\n".join(wanted[-lines:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_url() -> URL | None:
    """TEST_DATABASE_URL's PostgreSQL database with `_e2e` appended to its name (and the pytest-xdist
    worker's name: each worker serves its browser tests from its own server); None for SQLite."""
    given = os.environ.get("TEST_DATABASE_URL", "")
    if not given.startswith("postgresql"):
        return None
    url = make_url(given)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return url.set(database=f"{url.database}_e2e" + (f"_{worker}" if worker else ""))


@contextmanager
def server_database(tmp: Path) -> Iterator[str]:
    """The URL of an empty database for the server: a new SQLite file, or a new PostgreSQL database."""
    url = postgres_url()
    if url is None:
        yield f"sqlite:///{tmp / 'taizhang-e2e.db'}"
        return
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = engine.dialect.identifier_preparer.quote(url.database)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {name}"))
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()


def server_env(database_url: str, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in (
        "FLASK_DEBUG",
        "FLASK_RUN_PORT",
        "FLASK_RUN_HOST",
        "SECRET_KEY",
        "TEST_DATABASE_URL",
        "JOBS_URL",
    ):
        env.pop(name, None)
    env.update(
        DATABASE_URL=database_url,
        JOBS_URL=f"sqlite:///{tmp / 'jobs-queue.db'}",  # the server's and its worker's queue
        JOBS_RESULTS_DIR=str(tmp / "job-results"),
        TAIZHANG_DEV="1",
        IMPORT_PREVIEW_JOB_KB="0",  # every upload is checked by a job (tests/e2e/test_jobs_browser.py)
        # every test logs its personas in from one address; the limit itself is tested in tests/security
        AUTH_RATE_LIMIT="1000 per 5 minute",
        FLASK_APP="app:create_app",
        PYTHONUNBUFFERED="1",
    )
    return env


def flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", *args]


def run_setup(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=SETUP_COMMAND_TIMEOUT, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"e2e setup step failed ({result.returncode}): {' '.join(command[2:])}\n"
            f"--- stdout ---\n{result.stdout[-4000:]}\n--- stderr ---\n{result.stderr[-4000:]}",
            pytrace=False,
        )


def compile_translations_if_stale() -> None:
    """The server shows what the compiled catalogs say: compile them as `make translations` does when a
    .mo file is missing or older than its .po file (running pytest directly must not test stale text)."""
    catalogs = list((ROOT / "translations").glob("*/LC_MESSAGES/messages.po"))
    stale = [
        po
        for po in catalogs
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        run_setup(
            [sys.executable, "-m", "babel.messages.frontend", "compile", "-f", "-d", "translations"],
            dict(os.environ),
        )


def wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the app server exited with {process.returncode} before answering:\n"
                f"{log.read_text(errors='replace')[-4000:]}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(
        f"the app server did not answer {url} within {STARTUP_TIMEOUT:.0f}s:\n"
        f"{log.read_text(errors='replace')[-4000:]}",
        pytrace=False,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[str]:
    """`flask run --no-reload` on a free loopback port with `env`, output to `log`; yields its address."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            flask("run", "--host", "127.0.0.1", "--port", str(port), "--no-reload"),
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        wait_until_up(process, f"{url}/login/", log)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`flask run` on a free loopback port against a fresh, migrated and demo-seeded database."""
    tmp = tmp_path_factory.mktemp("e2e-server")
    with server_database(tmp) as database_url:
        env = server_env(database_url, tmp)
        compile_translations_if_stale()
        run_setup(flask("db", "upgrade"), env)
        run_setup(flask("seed"), env)
        run_setup(flask("seed-demo", "--persons", DEMO_PERSONS, "--seed", DEMO_SEED), env)

        with serving(env, tmp / "server.log") as url:
            yield LiveServer(url=url, log=tmp / "server.log", database_url=database_url)


@contextmanager
def serve_later(live_server: LiveServer, days: int) -> Iterator[str]:
    """A second `flask run` over the live server's database, its date frozen `days` later (TAIZHANG_TODAY).
    Browsers do not keep cookies apart by port: a test logs out on one server before logging in on the other."""
    from app import clock

    env = server_env(live_server.database_url, live_server.log.parent)
    env["TAIZHANG_TODAY"] = (clock.today() + timedelta(days=days)).isoformat()
    with serving(env, live_server.log.parent / f"server-{days}-days-later.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        found = shutil.which("chromium") or "none on PATH"
        pytest.fail(
            f"Debian's Chromium is required at {CHROMIUM} for the e2e tests (found: {found}). "
            "Install it with `apt-get update && apt-get install -y chromium` (.ci/run does); "
            "never `playwright install`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(
    browser: Any, live_server: LiveServer, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Any]:
    """A fresh browser context per test (its own cookies), Chinese locale. On failure: a screenshot and
    the end of the server log, printed with the test's report."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    context = browser.new_context(
        locale="zh-CN", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            shot = tmp_path / "failure.png"
            try:
                page.screenshot(path=str(shot), full_page=True)
                print(f"\nscreenshot of the failing page ({page.url}): {shot}")
            except Exception as exc:  # noqa: BLE001 - a screenshot must never hide the real failure
                print(f"\nno screenshot: {exc}")
            print(f"--- end of the app server log ({live_server.log}) ---\n{live_server.log_tail()}")
        context.close()
