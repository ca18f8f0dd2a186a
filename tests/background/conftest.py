"""Job fixtures: each test gets its own huey storage (an SQLite file) and results directory, and
`worker` runs a real huey consumer thread on a second app built by create_app — what `flask jobs worker`
does in its own process. Jobs go through huey's queue, its consumer and its workers; nothing runs in
huey's `immediate` mode. The fixtures live in tests/conftest.py (tests/io uses them too)."""

from __future__ import annotations

import pytest
from flask import Flask


@pytest.fixture
def app(jobs_app: Flask) -> Flask:
    """The web app of tests/conftest.py, with this test's queue; jobs are removed afterwards."""
    return jobs_app
