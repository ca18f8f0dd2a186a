"""A frozen, settable clock for the social-insurance subsidy tests (as in tests/loans)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

T0 = date(2026, 11, 20)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Any:
    clock = {"today": T0}
    monkeypatch.setattr("app.clock.today", lambda: clock["today"])
    return clock
