"""The production profile on real servers (bench/production.py): gunicorn with three workers and a huey
consumer on PostgreSQL and Redis, behind a pretend reverse proxy. A town clerk logs in, opens a ledger list,
exports it through a background task to the end and publishes a vacancy (a workflow step).

PostgreSQL: the suite's database when TEST_DATABASE_URL is PostgreSQL, else its own database
(PRODUCTION_TEST_DATABASE, default taizhang_prod_profile, on PRODUCTION_TEST_PG) made and dropped here.
Redis: PRODUCTION_TEST_REDIS (default redis://127.0.0.1:6379/1), emptied before and after."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import redis
from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from bench.production import Browser, start
from models.vacancy import Vacancy
from seed.demo.person import DEMO_PASSWORD
from tests.conftest import first_community
from tests.factories.employer import make_employer
from tests.factories.person import make_person_row
from tests.factories.vacancy import vacancy_values
from tests.ledgers.case import HOME_TOWN

pytestmark = pytest.mark.production

PROFILE_REDIS = os.environ.get("PRODUCTION_TEST_REDIS", "redis://127.0.0.1:6379/1")
PROFILE_DATABASE = os.environ.get("PRODUCTION_TEST_DATABASE", "taizhang_prod_profile")
WAIT_SECONDS = 60


def pending_vacancy(app: Flask) -> int:
    unit = first_community(HOME_TOWN)
    employer = make_employer(unit.id, checked=True)
    with acting_as(app.appbuilder.sm.find_user(username="renhe_shequ")):
        vacancy = ledger.create(Vacancy, vacancy_values(employer.id, unit.id))
        db.session.commit()
    return vacancy.id


def test_production_profile__login_list_export_task_and_workflow_step(
    data_app: Flask, production_db: str, redis_db: redis.Redis, tmp_path: Path
) -> None:
    person = make_person_row(data_app, HOME_TOWN)
    vacancy_id = pending_vacancy(data_app)
    started = time.monotonic()
    profile = start(production_db, PROFILE_REDIS, tmp_path, EXPORT_JOB_ROWS="0")
    print(f"profile answering after {time.monotonic() - started:.1f} s")
    try:
        assert len(profile.web_workers()) == 3
        clerk = Browser(profile.url)
        clerk.login("renhe_jingban", "not-the-password")  # only failed logins are counted (login_limits)
        assert any(b"LIMITER" in key for key in redis_db.keys()), "rate limits are not counted in Redis"
        assert clerk.login("renhe_jingban", DEMO_PASSWORD).status == 302

        listing = clerk.get("/ledger/person/list/")
        assert listing.status == 200 and person.name in listing.text

        export = clerk.get("/ledger/person/export/xlsx")
        assert export.status == 302 and "/jobs/" in export.headers["location"]
        job_id = int(export.headers["location"].rstrip("/").rsplit("/", 1)[1])
        deadline = time.monotonic() + WAIT_SECONDS
        while not (state := clerk.get(f"/jobs/{job_id}/status").json())["finished"]:
            assert time.monotonic() < deadline, f"export job still {state['status']}"
            time.sleep(0.2)
        assert state["status"] == "done", state
        download = clerk.get(state["download_url"])
        assert download.status == 200 and download.body.startswith(b"PK")

        version = clerk.get(f"/api/v1/workflow/vacancy/{vacancy_id}").json()["result"]["version"]
        step = clerk.post(
            f"/api/v1/workflow/vacancy/{vacancy_id}/publish", body={"comment": "资质齐全", "version": version}
        )
        assert step.status == 200, step.text
        assert step.json()["result"]["state"] == "published"
        print(f"scenario done after {time.monotonic() - started:.1f} s")
    finally:
        profile.stop()
    assert profile.web.returncode == 0 and all(worker.returncode == 0 for worker in profile.jobs)
