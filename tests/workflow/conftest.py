"""A frozen, settable clock for workflow tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.workflow.test_assistance_flow import T0


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Any:
    clock = {"today": T0}
    monkeypatch.setattr("app.clock.today", lambda: clock["today"])
    return clock
