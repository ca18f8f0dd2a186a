"""Today's date for deadlines, inboxes and banners, in one place so tests and demos can freeze it.

Today is Beijing's date (the offices' clock, whatever the server's time zone). `TAIZHANG_TODAY=2026-10-09`
(environment) freezes it for a whole process, e.g. a browser-test server; unit tests monkeypatch `today`.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone

from models import base

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving time in China


def today() -> date:
    frozen = os.environ.get("TAIZHANG_TODAY")
    return date.fromisoformat(frozen) if frozen else datetime.now(UTC).astimezone(CHINA).date()


base.install_clock(lambda: today())  # late-bound: a test's monkeypatched `today` applies to the models too
