"""Excel and CSV export/import for every registered ledger. Column specs come only from the ledger's
column metadata (models/base.py `field(...)`), so a ledger added later gets export, template and import
without new code. Long operations are plain functions taking a `progress(done, total)` callback."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int | None], None] | None
