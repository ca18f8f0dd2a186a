"""The production profile on loopback, for tests/ops/test_production.py and bench/faults.py: gunicorn with
several workers (deploy/gunicorn.conf.py) and the huey consumer (`flask jobs worker`) on PostgreSQL and Redis,
behind a pretend reverse proxy (X-Forwarded-For/-Proto, ProxyFix trusting one hop), and a small HTTP client
that keeps its cookies itself (the session cookie is Secure in production; the client speaks plain HTTP)."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
START_SECONDS = 60  # gunicorn not answering by then is a failure
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Profile:
    """A running profile: its URL, environment, the gunicorn master and the job worker processes."""

    url: str
    env: dict[str, str]
    web: subprocess.Popen[bytes]
    jobs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Any] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def web_workers(self) -> list[int]:
        """The pids of gunicorn's worker processes (children of the master)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.web.pid:
                pids.append(int(stat.parent.name))
        return pids

    def start_job_worker(self, threads: int = 2) -> subprocess.Popen[bytes]:
        command = [str(BIN / "flask"), "jobs", "worker", "--workers", str(threads)]
        worker = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log("jobs"), stderr=subprocess.STDOUT
        )
        self.jobs.append(worker)
        return worker

    def log(self, name: str) -> Any:
        handle = (Path(self.env["JOBS_RESULTS_DIR"]).parent / f"{name}.log").open("ab")
        self.logs.append(handle)
        return handle

    def stop(self) -> None:
        for process in [self.web, *self.jobs]:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [self.web, *self.jobs]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for handle in self.logs:
            handle.close()


def environment(database_url: str, redis_url: str, directory: Path, **extra: str) -> dict[str, str]:
    """What a production server is given: no development flag, a real secret, Redis for jobs and limits."""
    env = {k: v for k, v in os.environ.items() if k not in ("TAIZHANG_DEV", "FLASK_DEBUG", "PYTEST_ADDOPTS")}
    directory.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "FLASK_APP": "app:create_app",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_hex(32),
            "JOBS_URL": redis_url,
            "RATELIMIT_STORAGE_URI": redis_url,
            "JOBS_RESULTS_DIR": str(directory / "jobs"),
            "ATTACHMENTS_DIR": str(directory / "attachments"),
            "PROXY_FIX_X_FOR": "1",
            "PROXY_FIX_X_PROTO": "1",
            "WEB_CONCURRENCY": "3",
            **extra,
        }
    )
    return env


def start(database_url: str, redis_url: str, directory: Path, job_workers: int = 1, **extra: str) -> Profile:
    """Start gunicorn on a free loopback port and `job_workers` job worker processes; wait until it answers."""
    url = f"http://127.0.0.1:{free_port()}"
    env = environment(database_url, redis_url, directory, GUNICORN_BIND=url.removeprefix("http://"), **extra)
    log = (directory / "gunicorn.log").open("ab")
    web = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    profile = Profile(url, env, web, logs=[log])
    for _ in range(job_workers):
        profile.start_job_worker()
    deadline = time.monotonic() + START_SECONDS
    while True:
        if web.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({web.returncode}): see {directory / 'gunicorn.log'}")
        try:
            if Browser(url).get("/login/").status == 200:
                return profile
        except OSError:
            pass
        if time.monotonic() > deadline:
            profile.stop()
            raise RuntimeError(f"gunicorn did not answer in {START_SECONDS} s")
        time.sleep(0.2)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)


class Browser:
    """One user's browser behind the reverse proxy: cookies, the CSRF token of the last form page."""

    def __init__(self, url: str, client_ip: str = "203.0.113.7") -> None:
        self.host = url.removeprefix("http://")
        self.client_ip = client_ip
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(
        self, method: str, path: str, form: dict[str, Any] | None = None, body: Any = None
    ) -> Response:
        headers = {
            "X-Forwarded-For": self.client_ip,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{self.host}/",
            "Accept-Language": "zh-CN",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        payload = None
        if form is not None:
            payload = urlencode({"csrf_token": self.csrf, **form}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.csrf:
            headers["X-CSRFToken"] = self.csrf
        conn = http.client.HTTPConnection(self.host, timeout=120)
        try:
            conn.request(method, path, body=payload, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
            for header in raw.headers.get_all("Set-Cookie") or []:
                cookie: SimpleCookie = SimpleCookie()
                cookie.load(header)
                self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        finally:
            conn.close()
        token = CSRF.search(response.text) if "html" in response.headers.get("content-type", "") else None
        if token:
            self.csrf = token.group(1)
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, Any] | None = None, body: Any = None) -> Response:
        return self.request("POST", path, form=form if body is None else None, body=body)

    def login(self, username: str, password: str) -> Response:
        self.get("/login/")
        return self.post("/login/", form={"username": username, "password": password})
