"""A frozen, settable clock for the loan tests (as in tests/flows/conftest.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import freeze_today

T0 = date(2026, 11, 20)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Any:
    return freeze_today(monkeypatch, T0)
