"""Load test: clerks of the three tiers on the production profile (gunicorn workers, PostgreSQL, Redis).

`python bench/load.py --database-url postgresql://...` starts gunicorn on the loopback (`--workers`, Redis
for the rate limits and the job queue), then locust headless against it for `--run-time` seconds with
`--users` clerks (a third each of the district, town and community accounts of the demo). Each clerk signs in
and, with `--think` seconds of thinking between (default 1-3: a stress; a clerk at work reads a page for longer),
opens home, 我的待办, the person list (plain and filtered), a person's
record, the REST page of 100, and saves a person's phone number through the REST API (a write with its version
check and history). Prints locust's summary (p50/p95/p99, requests/s, failures) and writes the CSV to
bench/out/load_*.csv. The database must be seeded with `flask seed-demo` (bench/pages.py, docs/scale.md).

    PYTHONPATH=. .venv/bin/python bench/load.py --database-url postgresql://postgres@127.0.0.1/bench_250k
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo-2026"
FILTERED = "/ledger/person/list/?_flt_0_employment_status=21"


class Clerk(HttpUser):
    """One clerk: signs in, then reads and now and then writes within their territory."""

    abstract = True
    wait_time = between(*(float(s) for s in os.environ.get("LOAD_THINK_SECONDS", "1-3").split("-")))
    accounts: tuple[str, ...] = ()

    def on_start(self) -> None:
        username = random.choice(self.accounts)
        form = self.client.get("/login/", name="login form").text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form)
        self.csrf = token.group(1) if token else ""
        data = {"username": username, "password": PASSWORD, "csrf_token": self.csrf}
        signed_in = self.client.post("/login/", data=data, name="login", allow_redirects=False)
        if signed_in.status_code != 302:
            raise RuntimeError(f"{username} could not sign in ({signed_in.status_code})")
        page = self.client.get("/api/v1/person/?q=(page:0,page_size:50,columns:!(id))", name="REST ids")
        self.person_ids = [row["id"] for row in page.json().get("result", [])] or [0]

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(3)
    def inbox(self) -> None:
        self.client.get("/inbox/", name="我的待办")

    @task(4)
    def person_list(self) -> None:
        self.client.get("/ledger/person/list/", name="person list")

    @task(2)
    def person_list_filtered(self) -> None:
        self.client.get(FILTERED, name="person list, filtered")

    @task(3)
    def record(self) -> None:
        self.client.get(f"/ledger/person/show/{random.choice(self.person_ids)}", name="person record")

    @task(2)
    def rest_page(self) -> None:
        self.client.get("/api/v1/person/?q=(page:0,page_size:100)", name="REST page of 100")

    @task(1)
    def save_phone(self) -> None:
        pk = random.choice(self.person_ids)
        current = self.client.get(f"/api/v1/person/{pk}", name="REST get").json().get("result", {})
        body = {"phone": f"139{random.randrange(10**8):08d}", "version": current.get("version")}
        headers = {"X-CSRFToken": self.csrf}  # a write with the session cookie carries the form's CSRF token
        self.client.put(f"/api/v1/person/{pk}", json=body, headers=headers, name="REST save")


class DistrictClerk(Clerk):
    accounts = ("qu_jingban",)


class TownClerk(Clerk):
    accounts = ("renhe_jingban", "houshayu_jingban")


class CommunityClerk(Clerk):
    accounts = ("renhe_shequ", "houshayu_shequ")


def serve(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    env = {
        **{name: value for name, value in os.environ.items() if name not in ("TAIZHANG_DEV", "FLASK_DEBUG")},
        # the production profile, not development: a real secret key; plain HTTP on the loopback, so the
        # session cookie may not be marked HTTPS-only
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SECURE_COOKIES": "0",
        "DATABASE_URL": args.database_url,
        "RATELIMIT_STORAGE_URI": args.redis,
        "JOBS_URL": args.redis,
        "AUTH_RATE_LIMIT": "100000 per minute",  # every clerk signs in from the loopback address
    }
    command = [str(ROOT / ".venv/bin/gunicorn"), "-w", str(args.workers), "-b", f"127.0.0.1:{args.port}"]
    server = subprocess.Popen([*command, "app:create_app()"], cwd=ROOT, env=env)
    deadline = time.monotonic() + args.start_seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/login/", timeout=2)
            return server
        except OSError:
            time.sleep(1)
    server.terminate()
    sys.exit(f"gunicorn did not answer within {args.start_seconds} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=int, default=20)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--start-seconds", type=int, default=60, help="how long gunicorn may take to answer")
    parser.add_argument(
        "--think", default="1-3", help="seconds a clerk thinks between two requests (min-max)"
    )
    args = parser.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    server = serve(args)
    try:
        subprocess.run(
            [
                str(ROOT / ".venv/bin/locust"),
                "-f",
                __file__,
                "--headless",
                "--only-summary",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                args.run_time,
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(out / "load"),
            ],
            check=False,
            timeout=600,
            env={**os.environ, "LOAD_THINK_SECONDS": args.think},
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
