"""Two app processes (two gunicorn servers of one worker each, one job worker) on one PostgreSQL and one Redis,
as the production profile's workers are: nothing one process needs is kept in another's memory. Failed logins
are counted across both, a session signed in on one is valid on the other and ended on both by a logout on
either, a background task started through one is followed with its progress through the other, and a code
list edited through one is shown edited by the other at once (the process caches' shared generation,
app/shared.py).

PostgreSQL as in test_production.py (PRODUCTION_TEST_DATABASE_2, default taizhang_two_processes, when the suite
runs on SQLite); Redis: PRODUCTION_TEST_REDIS_2 (default redis://127.0.0.1:6379/2), emptied before and after."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import pytest
import redis
from flask import Flask
from sqlalchemy import select, update

from app import db
from bench.production import Browser, Profile, start
from models.codes import CodeItem
from seed.demo.person import DEMO_PASSWORD
from tests.factories.person import make_person_row
from tests.ledgers.case import HOME_TOWN

pytestmark = pytest.mark.production

PROFILE_REDIS = os.environ.get("PRODUCTION_TEST_REDIS_2", "redis://127.0.0.1:6379/2")
PROFILE_DATABASE = os.environ.get("PRODUCTION_TEST_DATABASE_2", "taizhang_two_processes")
WAIT_SECONDS = 60
FAILED_LOGINS = 3  # per account and address, counted over both processes


def status_label(app: Flask, code: str) -> CodeItem:
    return db.session.execute(
        select(CodeItem).where(CodeItem.list_key == "employment_status", CodeItem.code == code)
    ).scalar_one()


def test_two_processes__limits_sessions_tasks_and_caches_are_shared(
    data_app: Flask, production_db: str, redis_db: redis.Redis, tmp_path: Path
) -> None:
    person = make_person_row(data_app, HOME_TOWN)
    item = status_label(data_app, person.employment_status)
    label, item_id, sort = item.label, item.id, item.sort
    shared = {
        "SECRET_KEY": secrets.token_hex(32),  # what a deployment gives every process
        "JOBS_RESULTS_DIR": str(tmp_path / "jobs"),
        "WEB_CONCURRENCY": "1",
        "AUTH_RATE_LIMIT": f"{FAILED_LOGINS} per 5 minute",
        "EXPORT_JOB_ROWS": "0",
    }
    one: Profile = start(production_db, PROFILE_REDIS, tmp_path / "one", job_workers=1, **shared)
    try:
        two: Profile = start(production_db, PROFILE_REDIS, tmp_path / "two", job_workers=0, **shared)
        try:
            assert len(one.web_workers()) == 1 and len(two.web_workers()) == 1
            assert set(one.web_workers()).isdisjoint(two.web_workers())

            # failed logins of one account and address, counted over both processes
            guesser_one, guesser_two = Browser(one.url), Browser(two.url)
            for attempt in range(FAILED_LOGINS):
                browser = guesser_one if attempt % 2 else guesser_two
                assert browser.login("renhe_jingban", "not-the-password").status == 302  # back to the form
            assert guesser_one.login("renhe_jingban", DEMO_PASSWORD).status == 429
            assert guesser_two.login("renhe_jingban", DEMO_PASSWORD).status == 429

            # a session signed in through one process is valid on the other
            clerk = Browser(one.url, client_ip="203.0.113.8")
            assert clerk.login("renhe_jingban", DEMO_PASSWORD).status == 302
            elsewhere = Browser(two.url, client_ip="203.0.113.8")
            elsewhere.cookies = dict(clerk.cookies)
            listing = elsewhere.get("/ledger/person/list/")
            assert listing.status == 200 and person.name in listing.text and label in listing.text

            # a task started through one process, followed through the other
            export = clerk.get("/ledger/person/export/xlsx")
            assert export.status == 302 and "/jobs/" in export.headers["location"]
            job_id = int(export.headers["location"].rstrip("/").rsplit("/", 1)[1])
            deadline = time.monotonic() + WAIT_SECONDS
            while not (state := elsewhere.get(f"/jobs/{job_id}/status").json())["finished"]:
                assert time.monotonic() < deadline, f"export job still {state['status']}"
                time.sleep(0.2)
            assert state["status"] == "done" and state["done"] == state["total"] >= 1, state
            assert elsewhere.get(state["download_url"]).body.startswith(b"PK")

            # a code list edited through one process is shown edited by the other on its next page
            admin = Browser(one.url, client_ip="203.0.113.9")
            assert admin.login("admin", DEMO_PASSWORD).status == 302
            assert admin.get(f"/codes/edit/{item_id}").status == 200
            edited = f"{label}（改）"
            saved = admin.post(f"/codes/edit/{item_id}", form={"label": edited, "sort": sort, "active": "y"})
            assert saved.status == 302, saved.text
            assert edited in elsewhere.get("/ledger/person/list/").text

            # a logout through the other process ends the session on both
            assert elsewhere.get("/logout/").status == 302
            assert clerk.get("/ledger/person/list/").status == 302
        finally:
            two.stop()
    finally:
        one.stop()
        with data_app.app_context():
            db.session.execute(update(CodeItem).where(CodeItem.id == item_id).values(label=label))
            db.session.commit()
    assert one.web.returncode == 0 and two.web.returncode == 0
