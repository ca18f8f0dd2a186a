"""Demo employer visits (the visit plans and visits): a visit plan of this quarter per demo town and the
district, with its employers' visits in every state (ahead, overdue, postponed, done)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from models.employer import Employer
from models.visit import EmployerVisit, VisitPlan
from seed.demo.office import Office, person_name

ORDER = 20  # after employer (the employers visited)


SERVICES = (
    "宣讲稳岗补贴和社保补贴政策，登记岗位需求",
    "介绍辖区求职人员情况，约定专场招聘",
    "了解用工计划，指导劳动合同签订",
)


def seed_visits(office: Office, employers: list[tuple[Employer, str, Any]]) -> dict[int, EmployerVisit]:
    """A visit plan of this quarter per town and the district, with visits in every state; the visit that
    collected an employer's vacancies, by employer."""
    today, done = office.today, {}
    quarter = (today.month - 1) // 3 + 1
    owners = [(town.unit, town.clerk, town.name) for town in office.towns[:2]]
    owners.append((office.district, "qu_jingban", "顺义区"))
    for unit, clerk, place in owners:
        plan = office.create(
            clerk,
            VisitPlan,
            {
                "org_id": unit.id,
                "title": f"{place}重点企业岗位信息开发实施方案",
                "year": today.year,
                "quarter": quarter,
                "lead": f"{person_name(office)}（社保所所长）" if unit.level == "town" else "职介中心主任",
                "scope": f"{place}重点企业、新建及改扩建项目、用工需求较大的服务业企业",
                "schedule": "每周二集中培训走访人员，周三至周五入企走访，走访前三日电话预约",
            },
        )
        mine = [e for e, c, _ in employers if c == clerk and e.org_id == unit.id][:8]
        for k, employer in enumerate(mine):
            planned = today + timedelta(days=8 * k - 40)  # from six weeks ago to two weeks ahead
            appointed = min(planned - timedelta(days=office.rng.randint(3, 7)), today)
            visit = office.create(
                clerk,
                EmployerVisit,
                {
                    "org_id": unit.id,
                    "employer_id": employer.id,
                    "plan_id": plan.id,
                    "appointed_on": appointed,
                    "planned_on": planned,
                    "visitors": f"{person_name(office)}、{person_name(office)}",
                },
            )
            if planned > today:
                continue  # appointed: the briefing and the visit are still ahead
            if k == 1:
                continue  # not recorded after the planned day: overdue
            if k == 2:
                office.fire(clerk, visit, "postpone", comment="企业负责人临时外出，另行预约")
                continue
            office.fire(clerk, visit, "brief", date=planned - timedelta(days=1), comment="走访前集中培训")
            office.fire(
                clerk,
                visit,
                "complete",
                date=planned,
                needs=f"计划招用{office.rng.randint(3, 20)}人，急需一线操作人员",
                services=office.rng.choice(SERVICES),
                record="已建立企业档案，岗位信息录入岗位台账",
            )
            done[employer.id] = visit
    office.commit()
    return done


def seed_demo(office: Office) -> None:
    office.made["visit"] = seed_visits(office, office.made["employer"])
