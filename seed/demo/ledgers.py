"""The demo's working office: every ledger after the labour force (persons) gets a modest, realistic set of
rows in 仁和镇, 后沙峪镇, 南法信镇 and the district, in every workflow state, so that each demo user's 我的待办
and 超期督办 have items. Deterministic for a given seed and today; written once (nothing when job-seeker
registrations exist)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from models.job_seeker import JobSeeker
from seed.demo.assistance import seed_assistance
from seed.demo.office import office
from seed.demo.policy import seed_policy
from seed.demo.services import seed_services


def seed_demo_ledgers(appbuilder: Any, today: date, seed: int) -> bool:
    """Fill the demo ledgers once; False when they were already filled."""
    if appbuilder.session.execute(select(func.count(JobSeeker.id))).scalar_one():
        return False
    demo = office(appbuilder, today, seed)
    seed_services(demo)
    seed_policy(demo)
    seed_assistance(demo)  # last: the persons it takes leave the policy cases unchanged
    return True
