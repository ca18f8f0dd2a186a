"""Demo vacancies: every employer's posts (its business's and an office post), those of checked employers
published; `close_vacancies` (run by seed/demo/referral.py, once the referrals' outcomes are known) fills
the vacancies that found someone and ends a few others early."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from models.employer import Employer
from models.vacancy import Vacancy
from models.visit import EmployerVisit
from seed.demo.office import Office

ORDER = 30  # after employer (the posts) and visit (the visit that collected them)


OFFICE_POSTS = (
    ("小型车司机", "2", 5500, 7000, "71", "0"),
    ("行政文员", "1", 4500, 6000, "31", "0"),
    ("会计", "1", 6000, 8500, "21", "0"),
    ("销售代表", "2", 5000, 9000, "61", "0"),
)


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


def close_vacancies(office: Office, published: list[Vacancy], filled: set[int]) -> None:
    """Vacancies whose referrals found people are filled; a few others end early."""
    for vacancy in published:
        clerk = "qu_jingban"
        if vacancy.id in filled:
            office.fire(clerk, vacancy, "fill", comment="推荐人员已录用，岗位招满")
        elif vacancy.id % 17 == 0:
            office.fire(clerk, vacancy, "expire", comment="用人单位暂停招聘")
    office.commit()


def seed_demo(office: Office) -> None:
    office.made["vacancy"] = seed_vacancies(office, office.made["employer"], office.made["visit"])
