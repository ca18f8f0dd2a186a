"""The demo's working office: every ledger after the labour force (persons) gets a modest, realistic set of
rows in 仁和镇, 后沙峪镇, 南法信镇 and the district, in every workflow state, so that each demo user's 我的待办
and 超期督办 have items. Deterministic for a given seed and today; written once (nothing when job-seeker
registrations exist).

Each family's demo rows are written by its own module here, seed/demo/<family>.py, found automatically: a
module defining `ORDER` (an int) and `seed_demo(office)` is a family's; the others (office, person, this
one) are helpers. The modules run by ascending ORDER, and the order is total, not merely "what needs what":
every family draws from the one random source and takes its persons from the towns' one shuffled pool
(seed/demo/office.py), so moving a family changes the rows of every family after it. Rows a later family
builds on are handed over in `office.made` (by family name). A new family takes a number above the last
(today: assistance, 130) to leave the existing demo data as it is."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import func, select

from models.job_seeker import JobSeeker
from seed.demo.office import office


def families() -> list[ModuleType]:
    """The demo module of every family, in ORDER; two families with one ORDER stop the seeding."""
    found: dict[int, ModuleType] = {}
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        module = importlib.import_module(f"{__package__}.{info.name}")
        order = getattr(module, "ORDER", None)
        if order is None:
            continue
        if order in found:
            raise RuntimeError(
                f"demo modules {found[order].__name__} and {module.__name__}: same ORDER {order}"
            )
        found[order] = module
    return [found[order] for order in sorted(found)]


def seed_demo_ledgers(appbuilder: Any, today: date, seed: int) -> bool:
    """Fill the demo ledgers once; False when they were already filled."""
    if appbuilder.session.execute(select(func.count(JobSeeker.id))).scalar_one():
        return False
    demo = office(appbuilder, today, seed)
    for module in families():
        module.seed_demo(demo)
    return True
