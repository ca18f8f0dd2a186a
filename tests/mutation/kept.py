"""What one process keeps across its pytest sessions. pytest imports each conftest.py afresh per session
(`pytest.main` called again in the same process, as mutmut does: its clean run, then one forked session per
mutant), so what must outlive a session lives in this plain module, imported once (tests/conftest.py
keeps its reused app here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

KEPT: dict[str, dict[str, Any]] = {}


def once(name: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """build() the first time `name` is asked for in this process, its answer afterwards."""
    if name not in KEPT:
        KEPT[name] = build()
    return KEPT[name]
