"""What the demo families' modules (seed/demo/<family>.py, run in order by seed/demo/ledgers.py) share: the
demo office — today, the random source, the demo clerks, the towns they serve and the persons living there,
and what a family made that later families build on (`made`, by family name) — and the three ways a clerk
writes: `create`, `update` and `fire` (the ledger commands and the workflow engine, acting as the clerk),
plus ticking a checklist's materials as received."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from app import ledger
from app.security.scope import acting_as
from app.services import materials
from app.workflow import commands
from models.org import OrgUnit
from models.person import Person
from seed.demo.person import GIVEN, SURNAMES, find_org
from seed.org_tree import DISTRICT

# the towns the demo fills: (town, its clerk, its community clerk); the district clerk serves the others
TOWNS = (
    ("仁和镇", "renhe_jingban", "renhe_shequ"),
    ("后沙峪镇", "houshayu_jingban", "houshayu_shequ"),
    ("南法信镇", "qu_jingban", "qu_jingban"),
    ("马坡镇", "qu_jingban", "qu_jingban"),
    ("空港街道", "qu_jingban", "qu_jingban"),
    ("天竺镇", "qu_jingban", "qu_jingban"),
)
ADULT_DAYS = 18 * 366  # persons the services are for: adults on every date the demo writes
DISTRICT_CLERK, REVIEWER, THIRD_PARTY = "qu_jingban", "qu_shenhe", "disanfang"


@dataclass
class Town:
    unit: OrgUnit
    clerk: str
    community_clerk: str
    first_community: OrgUnit
    community_ids: set[int]
    persons: list[Person] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.unit.name


@dataclass
class Office:
    appbuilder: Any
    today: date
    rng: random.Random
    towns: list[Town]
    district: OrgUnit
    made: dict[str, Any] = field(default_factory=dict)  # family -> the rows later families build on

    @property
    def session(self) -> Any:
        return self.appbuilder.session

    @contextmanager
    def acting(self, username: str) -> Iterator[None]:
        with acting_as(self.appbuilder.sm.find_user(username=username)):
            yield

    def create(self, username: str, model: type, values: dict[str, Any]) -> Any:
        with self.acting(username):
            return ledger.create(model, values)

    def update(self, username: str, row: Any, values: dict[str, Any]) -> Any:
        with self.acting(username):
            return ledger.update(row, values, row.version)

    def fire(self, username: str, row: Any, step: str, **inputs: Any) -> Any:
        raw = {name: v.isoformat() if isinstance(v, date) else v for name, v in inputs.items()}
        with self.acting(username):
            return commands.fire(row, step, raw, row.version)

    def receive_materials(self, username: str, row: Any, on: date) -> None:
        """Every item of the record's checklist received on `on`, copies sealed where asked."""
        checklist = materials.checklist_of(row)
        form: dict[str, Any] = {}
        for number, item in enumerate(checklist.items, 1) if checklist else ():
            form[f"received_{number}"] = "1"
            form[f"received_on_{number}"] = on.isoformat()
            if item.copy_stamped:
                form[f"stamped_{number}"] = "1"
        with self.acting(username):
            materials.record(row, form)

    def days_ago(self, low: int, high: int | None = None) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high if high is not None else low))

    def take_persons(self, town: Town, count: int) -> list[Person]:
        """Up to `count` persons of the town not yet given a demo role (each person serves one purpose)."""
        taken, town.persons = town.persons[:count], town.persons[count:]
        return taken

    def commit(self) -> None:
        self.session.commit()


def office(appbuilder: Any, today: date, seed: int) -> Office:
    session = appbuilder.session
    rng = random.Random(seed)
    towns = []
    for name, clerk, community_clerk in TOWNS:
        unit = find_org(session, name)
        community = find_org(session, f"{name}/1") if community_clerk != clerk else first_unit(session, unit)
        communities = set(session.execute(select(OrgUnit.id).where(OrgUnit.parent_id == unit.id)).scalars())
        persons = town_persons(session, unit, today)
        towns.append(Town(unit, clerk, community_clerk, community, communities, persons))
    for town in towns:
        rng.shuffle(town.persons)
    district = session.execute(select(OrgUnit).where(OrgUnit.name == DISTRICT[1])).scalar_one()
    return Office(appbuilder, today, rng, towns, district)


def person_name(office: Office) -> str:
    return office.rng.choice(SURNAMES) + "".join(office.rng.choices(GIVEN, k=office.rng.choice((1, 2))))


def town_clerk_over(office: Office, org_id: int) -> str:
    for town in office.towns:
        if org_id == town.unit.id or org_id in town.community_ids:
            return town.clerk
    return "qu_jingban"


def month_start(day: date, back: int = 0) -> date:
    month = day.year * 12 + day.month - 1 - back
    return date(month // 12, month % 12 + 1, 1)


def first_unit(session: Any, town: OrgUnit) -> OrgUnit:
    query = select(OrgUnit).where(OrgUnit.parent_id == town.id).order_by(OrgUnit.path).limit(1)
    return session.execute(query).scalar_one()


def town_persons(session: Any, town: OrgUnit, today: date) -> list[Person]:
    """The adults able to work living in the town's communities, in a fixed order."""
    query = (
        select(Person)
        .join(OrgUnit, OrgUnit.id == Person.org_id)
        .where(
            OrgUnit.parent_id == town.id,
            Person.voided_at.is_(None),
            Person.birth_date <= today - timedelta(days=ADULT_DAYS + 120),
            Person.employment_status != "33",
        )
        .order_by(Person.id)
    )
    return list(session.execute(query).scalars())
