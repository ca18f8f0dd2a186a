"""Demo job-seeker registrations (the job_seeker ledger) in every demo town, with a vocational guidance
session (个体职业指导) for every third registration."""

from __future__ import annotations

from datetime import timedelta

from models.job_seeker import GuidanceSession, JobSeeker
from seed.demo.employer import BUSINESSES
from seed.demo.office import Office, town_clerk_over

ORDER = 40  # after employer (the occupations sought); takes the towns' persons first


def seed_job_seekers(office: Office, per_town: int = 70) -> list[JobSeeker]:
    """Up to `per_town` registrations in each town, from at most 45% of its persons (the rest serve the
    cases of the families after this one: guidance, district_subsidy, loan, ...)."""
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


def seed_guidance_sessions(office: Office, seekers: list[JobSeeker], every: int = 3) -> None:
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


def seed_demo(office: Office) -> None:
    seekers = seed_job_seekers(office)
    seed_guidance_sessions(office, seekers)
    office.made["job_seeker"] = seekers
