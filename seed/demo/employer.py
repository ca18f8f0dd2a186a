"""Demo employers (the employer ledger): sixty employers over the demo towns, the district and a community,
of fifteen kinds of business, most with their CK-14 qualification check, a few new-build key projects. The
later families build on them: the visits, the vacancies (each business's posts) and the job fairs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from stdnum.cn import uscc

from models.employer import Employer
from seed.demo.office import Office, person_name

ORDER = 10  # the first family after the labour force


TRADE_NAMES = (
    "恒信 宏达 金港 顺鑫 华远 博瑞 康泰 鑫源 瑞丰 天成 中航 润泽 安达 永盛 佳禾 "
    "盛世 新元 利民 东方 北辰 汇通 华晟 嘉诚 航宇 临空 腾飞 众邦 德润 祥和 益康"
).split()
# business: (name ending, industry, ownership, posts: (occupation, category, wage from, to, education, skill))
BUSINESSES = (
    (
        "汽车零部件有限公司",
        "C",
        "160",
        [("数控车工", "3", 6000, 9000, "47", "4"), ("质检员", "2", 5000, 6500, "61", "5")],
    ),
    (
        "物流有限公司",
        "G",
        "170",
        [("叉车司机", "2", 5500, 7000, "71", "5"), ("仓库管理员", "2", 4800, 6000, "61", "0")],
    ),
    (
        "酒店管理有限公司",
        "H",
        "160",
        [("客房服务员", "2", 4300, 5200, "71", "0"), ("前台接待", "2", 4500, 5500, "31", "0")],
    ),
    (
        "食品有限公司",
        "C",
        "170",
        [("食品加工工", "2", 4500, 5800, "71", "0"), ("包装工", "2", 4200, 5000, "71", "0")],
    ),
    (
        "商贸有限公司",
        "F",
        "170",
        [("营业员", "2", 4200, 5500, "61", "0"), ("收银员", "2", 4200, 5000, "61", "0")],
    ),
    (
        "物业管理有限公司",
        "O",
        "160",
        [("保洁员", "2", 3800, 4500, "81", "0"), ("电工", "3", 5500, 7500, "47", "4")],
    ),
    (
        "建筑工程有限公司",
        "E",
        "160",
        [("钢筋工", "3", 7000, 9500, "71", "5"), ("施工员", "1", 6500, 9000, "31", "0")],
    ),
    (
        "航空地面服务有限公司",
        "G",
        "300",
        [("机场地勤", "2", 5500, 7500, "31", "0"), ("行李装卸工", "2", 5000, 6500, "71", "0")],
    ),
    (
        "电子科技有限公司",
        "C",
        "160",
        [("电子装配工", "2", 5000, 6800, "61", "5"), ("设备维修工", "3", 6500, 9000, "47", "4")],
    ),
    (
        "医药有限公司",
        "C",
        "159",
        [("药品生产操作工", "2", 5200, 7000, "41", "5"), ("化验员", "3", 6000, 8000, "31", "4")],
    ),
    (
        "餐饮管理有限公司",
        "H",
        "170",
        [("中式烹调师", "3", 5500, 8000, "71", "4"), ("餐厅服务员", "2", 4200, 5200, "71", "0")],
    ),
    ("保安服务有限公司", "L", "160", [("保安员", "2", 4500, 5500, "71", "5")]),
    (
        "家政服务有限公司",
        "O",
        "170",
        [("家政服务员", "2", 5000, 7000, "71", "5"), ("养老护理员", "2", 5200, 7200, "71", "5")],
    ),
    (
        "农业科技发展有限公司",
        "A",
        "120",
        [("农艺工", "2", 4200, 5200, "71", "0"), ("温室管理员", "2", 4500, 5500, "61", "0")],
    ),
    (
        "印刷有限公司",
        "C",
        "170",
        [("印刷操作工", "2", 4800, 6200, "61", "5"), ("平面设计", "1", 6000, 9000, "21", "0")],
    ),
)


ROADS = (
    "府前街",
    "顺恒大街",
    "裕民大街",
    "双河路",
    "站前街",
    "仁和路",
    "空港工业区A区",
    "天北路",
    "南法信大街",
)
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100 characters (no I O S V Z)


def credit_code(office: Office, used: set[str]) -> str:
    while True:
        org_code = "MA0" + "".join(office.rng.choices(CREDIT_CHARS, k=6))
        body = f"91110113{org_code}"
        code = body + uscc.calc_check_digit(body)
        if code not in used:
            used.add(code)
            return code


def seed_employers(office: Office, count: int = 60) -> list[tuple[Employer, str, Any]]:
    """`count` employers over the towns and the district: (employer, clerk, business)."""
    rng, used, made = office.rng, set(), []
    homes = [(town.unit, town.clerk, town) for town in office.towns for _ in range(3)]
    homes += [(office.district, "qu_jingban", None)]
    homes += [(office.towns[0].first_community, office.towns[0].community_clerk, office.towns[0])]
    for n in range(count):
        unit, clerk, town = homes[n % len(homes)]
        business = BUSINESSES[(n + n // len(TRADE_NAMES)) % len(BUSINESSES)]
        ending, industry, ownership, _posts = business
        checked = n % 15 != 7  # a few employers still wait for the CK-14 check
        new_build = n % 12 == 3
        values: dict[str, Any] = {
            "org_id": unit.id,
            "credit_code": credit_code(office, used),
            "name": f"北京{TRADE_NAMES[n % len(TRADE_NAMES)]}{ending}",
            "industry": industry,
            "size": rng.choice("23334"),
            "ownership": ownership,
            "legal_representative": person_name(office),
            "hr_contact": person_name(office),
            "hr_phone": f"010-{rng.choice(('6940', '6944', '8947', '6145'))}{rng.randrange(10000):04d}",
            "address": f"{town.name if town else '顺义区'}{rng.choice(ROADS)}{rng.randint(1, 300)}号",
            "employees": rng.choice((15, 40, 80, 120, 260, 600)),
            "key_enterprise": n % 8 == 0,
            "ck14_license": checked,
            "ck14_org_code": checked,
            "ck14_agent_letter": checked,
            "ck14_checked_on": office.days_ago(60, 400) if checked else None,
        }
        if new_build:
            start = office.days_ago(100, 300)
            values |= {
                "key_project": True,
                "new_build": True,
                "construction_on": start,
                "completion_on": start + timedelta(days=540),
            }
        made.append((office.create(clerk, Employer, values), clerk, business))
    office.commit()
    return made


def seed_demo(office: Office) -> None:
    office.made["employer"] = seed_employers(office)
