"""Demo employment services: employers with their CK-14 check, a quarter's visit plan and its visits,
vacancies in every state, job-seeker registrations with guidance sessions, referrals and their outcomes
(the follow-ups the rules schedule), a district job fair with its employers and SMS batches — written by
the demo clerks through the ledger commands and workflow steps (seed/demo/office.py)."""

from __future__ import annotations

import string
from datetime import timedelta
from typing import Any

from stdnum.cn import uscc

from app.domain import sms
from models.employer import Employer
from models.job_fair import JobFair, JobFairParticipation
from models.job_seeker import GuidanceSession, JobSeeker
from models.referral import Referral
from models.sms import SmsBatch
from models.vacancy import Vacancy
from models.visit import EmployerVisit, VisitPlan
from seed.demo.office import Office
from seed.demo.persons import GIVEN, SURNAMES

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
OFFICE_POSTS = (
    ("小型车司机", "2", 5500, 7000, "71", "0"),
    ("行政文员", "1", 4500, 6000, "31", "0"),
    ("会计", "1", 6000, 8500, "21", "0"),
    ("销售代表", "2", 5000, 9000, "61", "0"),
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
SERVICES = (
    "宣讲稳岗补贴和社保补贴政策，登记岗位需求",
    "介绍辖区求职人员情况，约定专场招聘",
    "了解用工计划，指导劳动合同签订",
)


def person_name(office: Office) -> str:
    return office.rng.choice(SURNAMES) + "".join(office.rng.choices(GIVEN, k=office.rng.choice((1, 2))))


def credit_code(office: Office, used: set[str]) -> str:
    while True:
        org_code = "MA0" + "".join(office.rng.choices(CREDIT_CHARS, k=6))
        body = f"91110113{org_code}"
        code = body + uscc.calc_check_digit(body)
        if code not in used:
            used.add(code)
            return code


# ---- employers, visits, vacancies ------------------------------------------------------------------------


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


def seed_vacancies(
    office: Office, employers: list[tuple[Employer, str, Any]], visits: dict[int, EmployerVisit]
) -> list[Vacancy]:
    """The employers' posts; those of checked employers published. Returns the published ones."""
    rng, today, published = office.rng, office.today, []
    towns = [town.unit for town in office.towns]
    for employer, clerk, (_ending, _industry, _own, posts) in employers:
        publisher = "qu_jingban" if clerk in ("qu_jingban",) else clerk_of_town(office, employer, clerk)
        for occupation, category, low, high, education, skill in [*posts, rng.choice(OFFICE_POSTS)]:
            start = office.days_ago(3, 70)
            visit = visits.get(employer.id)
            vacancy = office.create(
                clerk,
                Vacancy,
                {
                    "org_id": employer.org_id,
                    "employer_id": employer.id,
                    "visit_id": visit.id if visit is not None else None,
                    "occupation": occupation,
                    "category": category,
                    "duties": f"{occupation}，吃苦耐劳，服从安排，能适应倒班",
                    "headcount": rng.randint(1, 12),
                    "wage_min": low,
                    "wage_max": high,
                    "benefits": rng.choice(("五险一金，提供工作餐", "五险，包住宿", "五险一金，班车接送")),
                    "education": education,
                    "age_min": 18,
                    "age_max": rng.choice((40, 45, 50, 55)),
                    "skill_level": skill,
                    "skill_talent": skill in ("3", "4") and rng.random() < 0.3,
                    "work_town_id": rng.choice(towns).id if employer.org_id == office.district.id else None,
                    "valid_from": start,
                    "valid_until": max(
                        start + timedelta(days=rng.choice((60, 90, 120))), today + timedelta(days=14)
                    ),
                    "urgency": rng.choice("1223"),
                    "source": "03" if visit is not None else rng.choice(("01", "02", "04", "07")),
                },
            )
            if employer.qualification_checked and rng.random() < 0.97:
                office.fire(publisher, vacancy, "publish", comment="资质已审核，予以发布")
                published.append(vacancy)
    office.commit()
    return published


def clerk_of_town(office: Office, employer: Employer, clerk: str) -> str:
    """The town clerk over a community clerk's employer (a community clerk does not publish)."""
    for town in office.towns:
        if clerk == town.community_clerk and clerk != town.clerk:
            return town.clerk
    return clerk


def close_some_vacancies(office: Office, published: list[Vacancy], filled: set[int]) -> None:
    """Vacancies whose referrals found people are filled; a few others end early."""
    for vacancy in published:
        clerk = "qu_jingban"
        if vacancy.id in filled:
            office.fire(clerk, vacancy, "fill", comment="推荐人员已录用，岗位招满")
        elif vacancy.id % 17 == 0:
            office.fire(clerk, vacancy, "expire", comment="用人单位暂停招聘")
    office.commit()


# ---- job seekers, guidance, referrals --------------------------------------------------------------------


def seed_job_seekers(office: Office, per_town: int = 70) -> list[JobSeeker]:
    """Up to `per_town` registrations in each town, from at most 45% of its persons (the rest serve the
    policy cases of seed/demo/policy.py)."""
    rng, made = office.rng, []
    occupations = [post for business in BUSINESSES for post in business[3]]
    for town in office.towns:
        for k, person in enumerate(office.take_persons(town, min(per_town, len(town.persons) * 45 // 100))):
            occupation, category, low, high, *_ = rng.choice(occupations)
            hardship = rng.random() < 0.15
            clerk = town.community_clerk if person.org_id == town.first_community.id else town.clerk
            registered = office.days_ago(0, 150) if k % 5 else office.days_ago(95, 160)
            made.append(
                office.create(
                    clerk,
                    JobSeeker,
                    {
                        "org_id": person.org_id,
                        "person_id": person.id,
                        "registered_on": registered,
                        "id_card_checked": True,
                        "diploma_checked": rng.random() < 0.7,
                        "intended_occupation": occupation,
                        "intended_category": category,
                        "wage_expected_min": low - 500,
                        "wage_expected_max": high,
                        "preferred_town_id": town.unit.id if rng.random() < 0.6 else None,
                        "experience_years": rng.randint(0, 20),
                        "skill_level": person.skill_level,
                        "urgency": rng.choice("1223"),
                        "seeker_class": "2" if hardship else "1",
                        "hardship_reason": rng.choice("1234") if hardship else None,
                        "entered_in_system": True,
                        "told_about_express": rng.random() < 0.5,
                    },
                )
            )
    office.commit()
    return made


def seed_guidance(office: Office, seekers: list[JobSeeker], every: int = 3) -> None:
    """A guidance session for every `every`-th registration, between its registration and today."""
    rng = office.rng
    plans = ("分析求职优劣势，明确求职方向", "讲解面试技巧，模拟面试", "介绍创业担保贷款和创业培训政策")
    for seeker in seekers[::every]:
        span = max((office.today - seeker.registered_on).days, 0)
        mode = rng.choice(("01", "01", "12", "08", "14", "02"))
        office.create(
            town_clerk_over(office, seeker.org_id),
            GuidanceSession,
            {
                "org_id": seeker.org_id,
                "person_id": seeker.person_id,
                "job_seeker_id": seeker.id,
                "held_on": seeker.registered_on + timedelta(days=rng.randint(0, span)),
                "mode": mode,
                "duration_minutes": rng.choice((30, 45, 60, 120)),
                "counsellor_name": rng.choice(("李红梅", "王建国", "赵晓燕")),
                "plan": rng.choice(plans),
                "advice": "建议参加技能培训，近期关注岗位推荐",
                "self_signed": True,
            },
        )
    office.commit()


def town_clerk_over(office: Office, org_id: int) -> str:
    for town in office.towns:
        if org_id == town.unit.id or org_id in town.community_ids:
            return town.clerk
    return "qu_jingban"


def seed_referrals(
    office: Office, seekers: list[JobSeeker], vacancies: list[Vacancy], count: int = 90
) -> set[int]:
    """Referrals of valid registrations to open vacancies; the interviews held are given an outcome.
    Returns the vacancies that found someone."""
    rng, today, filled = office.rng, office.today, set()
    live = [s for s in seekers if s.valid_until and s.valid_until >= today and s.registered_on <= today]
    for seeker in live[:count]:
        start = seeker.registered_on
        choices = [v for v in vacancies if v.valid_until >= start and v.valid_from <= today]
        if not choices:
            continue
        vacancy = rng.choice(choices)
        first = max(start, vacancy.valid_from)
        referred = first + timedelta(days=rng.randint(0, (min(today, vacancy.valid_until) - first).days))
        interview = referred + timedelta(days=rng.randint(2, 6))
        clerk = town_clerk_over(office, seeker.org_id)
        referral = office.create(
            clerk,
            Referral,
            {
                "org_id": seeker.org_id,
                "job_seeker_id": seeker.id,
                "vacancy_id": vacancy.id,
                "direction": rng.choice("1112"),
                "referred_on": referred,
                "at_counter": rng.random() < 0.4,
                "accompanied": seeker.seeker_class == "2",
                "interview_on": interview,
                "interview_time": rng.choice(("09:30", "10:00", "14:00")),
                "interview_place": vacancy.employer.address,
                "interview_mode": rng.choice("1112"),
            },
        )
        if interview + timedelta(days=3) <= today and rng.random() < 0.8:
            outcome = rng.choice("11234")
            office.update(clerk, referral, {"outcome": outcome, "outcome_on": interview + timedelta(days=3)})
            if outcome == "1":
                filled.add(vacancy.id)
    office.commit()
    return filled


# ---- job fair, SMS ----------------------------------------------------------------------------------------


def seed_job_fairs(office: Office, employers: list[tuple[Employer, str, Any]]) -> None:
    """A fair held last month (archived, with results), one coming (published) and one just accepted."""
    today, rng = office.today, office.rng
    held = today - timedelta(days=24)
    coming = today + timedelta(days=12)
    plans = (
        ("顺义区春风行动暨就业援助月大型招聘会", "1", held - timedelta(days=20), held),
        ("临空经济区重点企业专场招聘会", "2", today - timedelta(days=6), coming),
        ("高校毕业生就业服务专场招聘会", "2", today - timedelta(days=9), today + timedelta(days=30)),
    )
    fairs = []
    for title, kind, accepted, on in plans:
        fairs.append(
            office.create(
                "qu_jingban",
                JobFair,
                {
                    "org_id": office.district.id,
                    "title": title,
                    "fair_type": kind,
                    "held_on": on,
                    "starts_at": "09:00",
                    "venue": "顺义区人力资源市场（府前中街）",
                    "accepted_on": accepted,
                    "organizer": "顺义区职业介绍服务中心",
                },
            )
        )
    past, upcoming, _accepted = fairs
    office.fire("qu_jingban", past, "publish", date=past.accepted_on + timedelta(days=1))
    office.fire("qu_jingban", past, "import_screen", date=held - timedelta(days=1))
    office.fire("qu_jingban", past, "hold", date=held, comment=f"{len(employers) // 3}家单位进场")
    office.fire("qu_jingban", past, "archive", date=held + timedelta(days=3), comment="资料已归档")
    office.fire("qu_jingban", upcoming, "publish", date=upcoming.accepted_on + timedelta(days=1))
    checked = [e for e, _, _ in employers if e.qualification_checked]
    for fair, booths in ((past, 16), (upcoming, 10)):
        for n, employer in enumerate(rng.sample(checked, min(booths, len(checked))), 1):
            values: dict[str, Any] = {
                "org_id": office.district.id,
                "fair_id": fair.id,
                "employer_id": employer.id,
                "booth": f"{string.ascii_uppercase[(n - 1) // 8]}-{(n - 1) % 8 + 1:02d}",
            }
            if fair is past:
                result = rng.choice("1123")
                values |= {
                    "receipt_on": held + timedelta(days=rng.randint(1, 4)),
                    "hiring_result": result,
                    "hired": rng.randint(1, 8) if result == "1" else 0,
                    "followup_note": "电话回访用人单位，了解招录情况",
                }
            office.create("qu_jingban", JobFairParticipation, values)
    office.commit()


SMS_TEXT = (
    "【顺义区就业服务】{town}社保所本周四上午9点在人力资源市场举办专场招聘会，"
    "提供保安、保洁、仓管等岗位200余个，欢迎求职人员携带身份证参加。咨询电话69405180"
)


def seed_sms(office: Office) -> None:
    """Per town clerk: one batch sent, one approved and waiting to go, one draft for the reviewer."""
    for town in office.towns[:2]:
        text = SMS_TEXT.format(town=town.name)
        batches = [
            office.create(
                town.clerk,
                SmsBatch,
                {"org_id": town.unit.id, "title": title, "content": text, **filters},
            )
            for title, filters in (
                ("招聘会通知", {}),
                ("援助月岗位推送", {"recipient_age_min": 18, "recipient_age_max": 55}),
                ("技能培训报名通知", {"recipient_employment_status": "21"}),
            )
        ]
        sent, approved, _draft = batches
        for batch in (sent, approved):
            office.fire("qu_shenhe", batch, "approve", comment="内容属实，同意发送")
        with office.acting(town.clerk):
            has_recipients = bool(sms.recipients(sent))
        if has_recipients:  # a very small demo may have no one with a phone in the town
            office.fire(town.clerk, sent, "send")
    office.commit()


def seed_services(office: Office) -> None:
    employers = seed_employers(office)
    visits = seed_visits(office, employers)
    published = seed_vacancies(office, employers, visits)
    seekers = seed_job_seekers(office)
    seed_guidance(office, seekers)
    filled = seed_referrals(office, seekers, published)
    close_some_vacancies(office, published, filled)
    seed_job_fairs(office, employers)
    seed_sms(office)
