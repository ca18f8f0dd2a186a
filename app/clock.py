"""Today's date for deadlines and inboxes, in one place so tests and demos can freeze it.

`TAIZHANG_TODAY=2026-10-09` (environment) freezes the clock for a whole process, e.g. a browser-test server;
unit tests monkeypatch `today`.
"""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    frozen = os.environ.get("TAIZHANG_TODAY")
    return date.fromisoformat(frozen) if frozen else date.today()
