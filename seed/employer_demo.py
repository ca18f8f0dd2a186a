"""Demo employers and vacancies (仁和镇 and 后沙峪镇), written through the ledger commands and the vacancy
workflow as the towns' demo clerks, so the board and the public page (/public/<town code>/) show postings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from stdnum.cn import uscc

from app import ledger
from app.security.scope import acting_as
from app.workflow import commands
from models.employer import Employer
from models.vacancy import Vacancy
from seed.demo import find_org

# (town, clerk, employer name, industry, [(occupation, category, headcount, wage_min, wage_max, education)])
DEMO_EMPLOYERS = [
    (
        "仁和镇",
        "renhe_jingban",
        "北京顺义示范汽车零部件有限公司",
        "C",
        [("数控车工", "3", 6, 6000, 9000, "47"), ("质检员", "2", 3, 5000, 6500, "61")],
    ),
    ("仁和镇", "renhe_jingban", "北京仁和示范物流有限公司", "G", [("叉车司机", "2", 4, 5500, 7000, "71")]),
    (
        "后沙峪镇",
        "houshayu_jingban",
        "北京后沙峪示范酒店管理有限公司",
        "H",
        [("客房服务员", "2", 8, 4500, 5500, "71")],
    ),
]


def demo_credit_code(n: int) -> str:
    body = f"91110113{n:08d}D"
    return body + uscc.calc_check_digit(body)


def seed_employers(appbuilder: Any, today: date) -> int:
    """Add the demo employers and publish their vacancies, once (nothing when employers exist)."""
    session = appbuilder.session
    if session.execute(select(func.count(Employer.id))).scalar_one():
        return 0
    for n, (town, clerk, name, industry, posts) in enumerate(DEMO_EMPLOYERS, start=1):
        unit = find_org(session, town)
        with acting_as(appbuilder.sm.find_user(username=clerk)):
            employer = ledger.create(
                Employer,
                {
                    "org_id": unit.id,
                    "credit_code": demo_credit_code(n),
                    "name": name,
                    "industry": industry,
                    "size": "3",
                    "hr_contact": "人事部",
                    "ck14_license": True,
                    "ck14_org_code": True,
                    "ck14_agent_letter": True,
                    "ck14_checked_on": today,
                },
            )
            for occupation, category, headcount, low, high, education in posts:
                vacancy = ledger.create(
                    Vacancy,
                    {
                        "org_id": unit.id,
                        "employer_id": employer.id,
                        "occupation": occupation,
                        "category": category,
                        "headcount": headcount,
                        "wage_min": low,
                        "wage_max": high,
                        "education": education,
                        "valid_from": today,
                        "valid_until": today + timedelta(days=60),
                        "source": "02",
                    },
                )
                commands.fire(vacancy, "publish", {}, vacancy.version)
    session.commit()
    return len(DEMO_EMPLOYERS)
