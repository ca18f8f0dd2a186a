"""Excel tests run with a real job worker at hand: imports are written by jobs, big exports become jobs."""

from __future__ import annotations

import pytest
from flask import Flask


@pytest.fixture
def app(jobs_app: Flask) -> Flask:
    """The web app with this test's queue (tests/conftest.py); `worker` runs its jobs."""
    return jobs_app
