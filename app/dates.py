"""How dates read on screen (docs/architecture.md: 2026年11月26日 in zh)."""

from __future__ import annotations

from datetime import date


def zh_date(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""
