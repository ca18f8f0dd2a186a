"""Loads the reference data every installation needs: permissions and roles, the org tree, code lists,
the working-day calendar.
Idempotent: run after each migration (`flask seed`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from models.codes import CodeItem
from models.org import OrgUnit
from seed.codes import code_lists
from seed.duties import load_duties
from seed.holidays import load_holidays
from seed.org_tree import DISTRICT, TOWNS, communities
from seed.policy_parameters import load_parameters


def load_org_tree(session: Any) -> int:
    existing = set(session.execute(select(OrgUnit.code)).scalars())
    added = 0
    code, name = DISTRICT
    if code not in existing:
        session.add(OrgUnit(code=code, name=name, level="district", path=code, active=True))
        added += 1
    session.flush()
    district = session.execute(select(OrgUnit).where(OrgUnit.code == code)).scalar_one()
    for town_code, town_name in TOWNS:
        if town_code not in existing:
            session.add(
                OrgUnit(
                    code=town_code,
                    name=town_name,
                    level="town",
                    parent_id=district.id,
                    path=f"{district.path}/{town_code}",
                    active=True,
                )
            )
            added += 1
    session.flush()
    towns = {t.code: t for t in session.execute(select(OrgUnit).where(OrgUnit.level == "town")).scalars()}
    for town_code, _ in TOWNS:
        town = towns[town_code]
        for unit_code, unit_name in communities(town_code):
            if unit_code not in existing:
                session.add(
                    OrgUnit(
                        code=unit_code,
                        name=unit_name,
                        level="community",
                        parent_id=town.id,
                        path=f"{town.path}/{unit_code}",
                        active=True,
                    )
                )
                added += 1
    session.flush()
    return added


def load_code_lists(session: Any) -> int:
    existing = {(key, code) for key, code in session.execute(select(CodeItem.list_key, CodeItem.code))}
    added = 0
    for key, (title, items) in code_lists().items():
        for sort, (code, label) in enumerate(items):
            if (key, code) not in existing:
                session.add(CodeItem(list_key=key, list_title=title, code=code, label=label, sort=sort))
                added += 1
    session.flush()
    return added


def load_reference(appbuilder: Any) -> dict[str, int]:
    from app.ledger.registry import LEDGERS
    from app.security.roles import sync_roles

    session = appbuilder.session
    counts = {
        "org_units": load_org_tree(session),
        "code_items": load_code_lists(session),
        "holidays": load_holidays(session),
        "duties": load_duties(session),
        "policy_parameters": load_parameters(session),
    }
    session.commit()
    sync_roles(appbuilder, list(LEDGERS))
    return counts
