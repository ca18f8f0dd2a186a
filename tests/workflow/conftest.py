"""A frozen, settable clock for workflow tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import freeze_today
from tests.factories.assistance import T0


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Any:
    return freeze_today(monkeypatch, T0)
