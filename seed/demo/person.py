"""Demo data: the demo accounts of the README and a deterministic labour force with the manual's shares
(概述: 24.7万 labour force, 13.7万 of them rural; registered unemployment about 1%).

Persons are written with bulk inserts (a generated population is not a clerk's change, so it has no
change history); everything after seeding goes through the ledger commands."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from stdnum.cn import ric

from models.base import utcnow
from models.org import OrgUnit
from models.person import Person
from seed.org_tree import DISTRICT

DEMO_PASSWORD = "demo-2026"  # noqa: S105 - demo data only, listed in the README
DEMO_USERS = [  # username, role, org (a unit name; "first community of <town>" for community clerks)
    ("admin", "系统管理员", DISTRICT[1], "系统管理员"),
    ("qu_jingban", "区级经办", DISTRICT[1], "区级经办"),
    ("qu_shenhe", "审核", DISTRICT[1], "区级审核"),
    ("ducha", "督查", DISTRICT[1], "督查员"),
    ("disanfang", "第三方终审", DISTRICT[1], "第三方终审"),
    ("renhe_jingban", "街镇经办", "仁和镇", "仁和镇经办"),
    ("renhe_shequ", "社区专干", "仁和镇/1", "仁和镇社区专干"),
    ("houshayu_jingban", "街镇经办", "后沙峪镇", "后沙峪镇经办"),
    ("houshayu_shequ", "社区专干", "后沙峪镇/1", "后沙峪镇社区专干"),
]

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红春梅海燕鹏飞宇浩然子涵欣怡晨阳文博佳琪"
STATUS_WEIGHTS = [
    ("11", 52),
    ("12", 12),
    ("13", 4),
    ("14", 8),
    ("21", 1),
    ("22", 6),
    ("31", 6),
    ("32", 6),
    ("33", 2),
    ("39", 3),
]
EDUCATION_WEIGHTS = [
    ("11", 1),
    ("14", 4),
    ("21", 16),
    ("31", 18),
    ("41", 8),
    ("44", 3),
    ("47", 3),
    ("61", 17),
    ("71", 24),
    ("81", 5),
    ("90", 1),
]
SKILL_WEIGHTS = [("0", 62), ("5", 14), ("4", 12), ("3", 8), ("2", 3), ("1", 1)]
INDUSTRIES = [
    ("A", 8),
    ("C", 22),
    ("E", 8),
    ("F", 4),
    ("G", 14),
    ("H", 7),
    ("I", 4),
    ("K", 3),
    ("L", 4),
    ("M", 3),
    ("N", 3),
    ("O", 8),
    ("P", 4),
    ("Q", 4),
    ("S", 8),
]
NEEDS = [("N1", 20), ("N2", 15), ("N3", 4), ("N4", 6), ("N5", 10), ("N9", 45)]


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([code for code, _ in weighted], weights=[w for _, w in weighted])[0]


def region_for(birth: date) -> str:
    """The region code of a resident's number as real 顺义 data has them: 顺义区 (110113) for everyone born
    since 1998 and for two in three of those born earlier (their card issued or re-issued after 1998); the
    others keep the number of an older card: 顺义县 (110222, 1982-1998) or one from 朝阳区 (110105)."""
    if birth.year >= 1998 or birth.toordinal() % 3:
        return "110113"
    if birth.year >= 1982:
        return "110222"
    return "110105"


def id_number(rng: random.Random, birth: date, male: bool, used: set[str]) -> str:
    while True:
        seq = rng.randrange(0, 999)
        if (seq % 2 == 1) != male:
            seq = (seq + 1) % 1000
        body = f"{region_for(birth)}{birth:%Y%m%d}{seq:03d}"
        number = body + ric.calc_check_digit(body + "0")
        if number not in used:
            used.add(number)
            return number


def person_rows(
    rng: random.Random, count: int, units: list[tuple[int, bool]], today: date, used: set[str]
) -> Iterator[dict[str, Any]]:
    weights = [rng.uniform(0.5, 1.5) for _ in units]
    now = utcnow()
    for org_id, is_street in rng.choices(units, weights=weights, k=count):
        male = rng.random() < 0.52
        birth = today - timedelta(days=rng.randint(16 * 366, 60 * 365))
        rural = rng.random() < (0.25 if is_street else 0.72)
        status = pick(rng, STATUS_WEIGHTS)
        employed = status.startswith("1")
        yield {
            "org_id": org_id,
            "id_number": id_number(rng, birth, male, used),
            "name": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
            "gender": "1" if male else "2",
            "birth_date": birth,
            "ethnicity": "01" if rng.random() < 0.95 else rng.choice(["02", "03", "04", "05", "08"]),
            "hukou_type": "2" if rural else "1",
            "phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            "marital_status": rng.choice(["10", "20", "20", "20"]),
            "education": pick(rng, EDUCATION_WEIGHTS),
            "skill_level": pick(rng, SKILL_WEIGHTS),
            "employment_status": status,
            "industry": ("A" if status == "14" else pick(rng, INDUSTRIES)) if employed else None,
            "monthly_wage": rng.randrange(2400, 16000, 100) if employed else None,
            "able_to_work": status != "33",
            "willing_to_work": status not in ("32", "33"),
            "unemployed_reason": rng.choice(["R1", "R2", "R3", "R5", "R7"])
            if status in ("21", "22")
            else None,
            "employment_need": pick(rng, NEEDS),
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }


def seed_persons(session: Any, count: int, seed: int, chunk: int = 5000) -> int:
    """Add `count` persons spread over all communities (deterministic for a given seed)."""
    rng = random.Random(seed)
    town = OrgUnit.__table__.alias("town")
    units = [
        (org_id, town_name.endswith("街道"))
        for org_id, town_name in session.execute(
            select(OrgUnit.id, town.c.name)
            .join(town, town.c.id == OrgUnit.parent_id)
            .where(OrgUnit.level == "community")
            .order_by(OrgUnit.path)
        )
    ]
    used = set(session.execute(select(Person.id_number)).scalars())
    today = date(2026, 11, 1)
    rows: list[dict[str, Any]] = []
    for row in person_rows(rng, count, units, today, used):
        rows.append(row)
        if len(rows) == chunk:
            session.execute(insert(Person), rows)
            rows = []
    if rows:
        session.execute(insert(Person), rows)
    session.commit()
    return count


def seed_users(appbuilder: Any) -> list[str]:
    sm, session = appbuilder.sm, appbuilder.session
    created = []
    for username, role_name, org_ref, full_name in DEMO_USERS:
        if sm.find_user(username=username):
            continue
        org = find_org(session, org_ref)
        user = sm.add_user(
            username,
            full_name,
            "",
            f"{username}@demo.local",
            [sm.find_role(role_name)],
            password=DEMO_PASSWORD,
        )
        user.org_id = org.id
        created.append(username)
    session.commit()
    return created


def find_org(session: Any, ref: str) -> OrgUnit:
    """A unit by name, or "<town>/1" for the first community of a town."""
    if "/" in ref:
        town_name, index = ref.split("/")
        town = session.execute(select(OrgUnit).where(OrgUnit.name == town_name)).scalar_one()
        units = (
            session.execute(select(OrgUnit).where(OrgUnit.parent_id == town.id).order_by(OrgUnit.path))
            .scalars()
            .all()
        )
        # the first community as listed in seed/org_tree.py (its order, not code order)
        from seed.org_tree import communities

        first_code = communities(town.code)[int(index) - 1][0]
        return next(unit for unit in units if unit.code == first_code)
    return session.execute(select(OrgUnit).where(OrgUnit.name == ref)).scalar_one()


def person_count(session: Any) -> int:
    return int(session.execute(select(func.count(Person.id))).scalar_one())
