"""Faults under load on the production profile (bench/production.py): while clerks' threads log in, list,
register persons through the API and export through background tasks, kill once each a gunicorn worker, the
job worker that is running a task, and every Redis client connection; a supervisor (this script) starts a
new job worker, as systemd would. Then check that no write a user was told succeeded is missing, that every
task ended done or failed with a message, and print what the users saw (answers by status).

    PYTHONPATH=. .venv/bin/python bench/faults.py [--seconds 60] [--threads 4] [--persons 3000]

Uses the PostgreSQL database taizhang_faults (made and dropped) and Redis db 1 (emptied)."""

from __future__ import annotations

import argparse
import collections
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TAIZHANG_DEV", "1")  # this process only prepares the database

from sqlalchemy import create_engine, select, text  # noqa: E402
from stdnum.cn import ric  # noqa: E402

from bench.production import Browser, start  # noqa: E402

PASSWORD = "demo-2026"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"


def prepare(url: str, persons: int) -> int:
    """Migrate, seed reference data, the demo users and `persons` persons; the org id renhe_jingban writes to."""
    from flask_migrate import upgrade

    from app import create_app, db
    from seed.demo.person import seed_persons, seed_users
    from seed.reference import load_reference

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
        load_reference(app.appbuilder)
        seed_users(app.appbuilder)
        seed_persons(db.session, persons, 2026)
        db.session.commit()
        from models.org import OrgUnit

        town = db.session.execute(select(OrgUnit).where(OrgUnit.name == "仁和镇")).scalar_one()
        community = db.session.execute(select(OrgUnit).where(OrgUnit.parent_id == town.id)).scalars().first()
        db.session.remove()
        db.engine.dispose()
    assert community is not None
    return int(community.id)


def id_number(seq: int) -> str:
    birth = date(1990, 1, 1) + timedelta(days=seq // 500)
    body = f"110222{birth:%Y%m%d}{seq % 500 * 2:03d}"
    return body + ric.calc_check_digit(body + "0")


class Load:
    """The users' side: answers counted by (action, status), writes the users were told succeeded, jobs."""

    def __init__(self, url: str, org_id: int) -> None:
        self.url = url
        self.org_id = org_id
        self.answers: collections.Counter[tuple[str, str]] = collections.Counter()
        self.saved: dict[str, int] = {}  # id_number -> id, answered 201
        self.unsure: set[str] = set()  # writes answered with an error or no answer
        self.jobs: set[int] = set()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.sequence = iter(range(1, 10**6))

    def note(self, action: str, status: Any) -> None:
        with self.lock:
            self.answers[(action, str(status))] += 1

    def clerk(self, thread: int) -> None:
        browser, logged_in, turn = None, False, 0
        while not self.stop.is_set():
            turn += 1
            try:
                if not logged_in:
                    browser = Browser(self.url, client_ip=f"198.51.{thread}.{turn % 250 + 1}")
                    answer = browser.login("renhe_jingban", PASSWORD)
                    self.note("login", answer.status)
                    logged_in = answer.status == 302
                    continue
                assert browser is not None
                if turn % 3 == 0:
                    self.write(browser)
                elif turn % 7 == 0:
                    answer = browser.get("/ledger/person/export/xlsx")
                    self.note("export", answer.status)
                    if answer.status == 302 and "/jobs/" in answer.headers.get("location", ""):
                        with self.lock:
                            self.jobs.add(int(answer.headers["location"].rstrip("/").rsplit("/", 1)[1]))
                else:
                    answer = browser.get(f"/ledger/person/list/?_flt_0_name=%E5%BC%A0&page={turn % 5}")
                    self.note("list", answer.status)
                    logged_in = answer.status == 200
            except OSError as exc:
                self.note("connection", type(exc).__name__)
                logged_in = False
            time.sleep(random.uniform(0.05, 0.2))

    def write(self, browser: Browser) -> None:
        with self.lock:
            number = id_number(next(self.sequence))
        values = {
            "org_id": self.org_id,
            "id_number": number,
            "name": "故障测试",
            "hukou_type": "2",
            "employment_status": "22",
            "education": "61",
        }
        try:
            answer = browser.post("/api/v1/person/", body=values)
        except OSError:
            with self.lock:
                self.unsure.add(number)
            raise
        self.note("write", answer.status)
        with self.lock:
            if answer.status == 201:
                self.saved[number] = int(answer.json()["id"])
            else:
                self.unsure.add(number)


def running_job_worker(engine: Any) -> int | None:
    with engine.connect() as conn:
        worker = conn.execute(text("SELECT worker FROM job WHERE status = 'running' LIMIT 1")).scalar()
    return int(worker.rsplit(":", 1)[1]) if worker else None


def inject(profile: Any, engine: Any, redis_db: int, seconds: float, log: list[str]) -> None:
    """The three faults, a quarter of the run apart. The job worker is killed with SIGABRT: a crash, and
    (PYTHONFAULTHANDLER) the stacks of its threads in its log, to see where a task stood."""
    time.sleep(seconds / 4)
    victim = random.choice(profile.web_workers())
    os.kill(victim, signal.SIGKILL)
    log.append(f"t={seconds / 4:.0f}s  SIGKILL gunicorn worker {victim}")
    time.sleep(seconds / 4)
    deadline = time.monotonic() + seconds / 4 - 2  # wait for a task to be running
    pid = None
    while pid is None and time.monotonic() < deadline:
        pid = running_job_worker(engine)
        time.sleep(0.05)
    busy = pid is not None
    worker = next(w for w in profile.jobs if w.pid == pid) if busy else profile.jobs[0]
    os.kill(worker.pid, signal.SIGABRT)
    worker.wait()  # reaped, as a supervisor does
    log.append(
        f"t~{seconds / 2:.0f}s  SIGABRT job worker {worker.pid} ({'while it ran a task' if busy else 'idle'})"
    )
    time.sleep(1)
    profile.start_job_worker()
    log.append("          a new job worker started (the supervisor's restart)")
    time.sleep(seconds / 4 - 1)
    killed = subprocess.run(
        ["redis-cli", "-n", str(redis_db), "CLIENT", "KILL", "TYPE", "normal"], capture_output=True, text=True
    )
    log.append(
        f"t={3 * seconds / 4:.0f}s  redis-cli CLIENT KILL TYPE normal: {killed.stdout.strip()} connections"
    )
    time.sleep(seconds / 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--persons", type=int, default=3000)
    parser.add_argument("--redis-db", type=int, default=1)
    args = parser.parse_args()
    name = "taizhang_faults"
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = f"{PG_SERVER}/{name}"
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    subprocess.run(["redis-cli", "-n", str(args.redis_db), "FLUSHDB"], check=True, capture_output=True)
    org_id = prepare(url, args.persons)
    engine = create_engine(url)
    with tempfile.TemporaryDirectory() as tmp:
        profile = start(
            url,
            redis_url,
            Path(tmp),
            job_workers=2,
            EXPORT_JOB_ROWS="0",
            JOBS_HEARTBEAT_TIMEOUT="30",
            PYTHONFAULTHANDLER="1",
        )
        load, faults = Load(profile.url, org_id), []
        try:
            threads = [threading.Thread(target=load.clerk, args=(n,)) for n in range(args.threads)]
            for thread in threads:
                thread.start()
            inject(profile, engine, args.redis_db, args.seconds, faults)
            load.stop.set()
            for thread in threads:
                thread.join()
            settled = wait_for_jobs(engine, load.jobs, 90)
        finally:
            profile.stop()
        report(engine, load, faults, settled)
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    subprocess.run(["redis-cli", "-n", str(args.redis_db), "FLUSHDB"], check=True, capture_output=True)


def wait_for_jobs(engine: Any, jobs: set[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            open_jobs = conn.execute(
                text("SELECT count(*) FROM job WHERE status IN ('queued', 'running')")
            ).scalar()
        if not open_jobs:
            return True
        time.sleep(0.5)
    return False


def report(engine: Any, load: Load, faults: list[str], settled: bool) -> None:
    print("faults injected:")
    print("\n".join(f"  {line}" for line in faults))
    print("what the users saw (action, HTTP status or connection error: count):")
    for (action, status), count in sorted(load.answers.items()):
        print(f"  {action:<10} {status:<22} {count}")
    with engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT id_number, id FROM person WHERE name = '故障测试'")).all())
        jobs = conn.execute(text("SELECT id, status, error FROM job ORDER BY id")).all()
    lost = [number for number, pk in load.saved.items() if stored.get(number) != pk]
    saved_anyway = [number for number in load.unsure if number in stored]
    print(f"writes answered 201: {len(load.saved)}; missing from the database: {len(lost)}")
    print(
        f"writes answered with an error or no answer: {len(load.unsure)}; of these stored anyway: {len(saved_anyway)}"
    )
    by_status = collections.Counter(status for _id, status, _error in jobs)
    print(f"tasks: {len(jobs)} ({dict(by_status)}); all finished: {settled}")
    for error, count in collections.Counter(
        error for _id, status, error in jobs if status == "failed"
    ).items():
        print(f"  failed {count}x: {error}")
    ok = not lost and settled and all(status in ("done", "failed") for _id, status, _error in jobs)
    print("RESULT:", "no lost write, every task done or failed visibly" if ok else "PROBLEM (see above)")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
