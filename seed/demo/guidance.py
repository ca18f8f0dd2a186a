"""Demo vocational guidance training (SM-08) in the first two demo towns last quarter, with each town's
quarterly claim: one submitted, one reviewed by the district."""

from __future__ import annotations

from datetime import timedelta

from models.guidance import GuidanceClaim, GuidanceTraining
from seed.demo.office import DISTRICT_CLERK, Office, month_start

ORDER = 80


def seed_guidance_claims(office: Office) -> None:
    rng, today = office.rng, office.today
    quarter_end = month_start(today, (today.month - 1) % 3) - timedelta(days=1)
    quarter_start = month_start(quarter_end, 2)
    topics = ("求职技巧与面试礼仪", "职业生涯规划", "劳动合同与权益保护", "创业意识培训")
    for n, town in enumerate(office.towns[:2]):
        persons = office.take_persons(town, 5)
        if not persons:
            continue
        for person in persons:
            office.create(
                town.clerk,
                GuidanceTraining,
                {
                    "org_id": person.org_id,
                    "person_id": person.id,
                    "held_on": quarter_start
                    + timedelta(days=rng.randint(0, (quarter_end - quarter_start).days)),
                    "minutes": rng.choice((120, 150, 180)),
                    "topic": rng.choice(topics),
                    "phone": person.phone or "13800000000",
                    "self_filled": True,
                },
            )
        quarter = f"{quarter_end.year}Q{(quarter_end.month - 1) // 3 + 1}"
        submitted = min(quarter_end + timedelta(days=3), today)
        claim = office.create(
            town.clerk,
            GuidanceClaim,
            {"org_id": town.unit.id, "quarter": quarter, "submitted_on": submitted},
        )
        office.receive_materials(town.clerk, claim, submitted)
        if n == 1:
            office.fire(DISTRICT_CLERK, claim, "review", date=submitted + timedelta(days=4))
    office.commit()


def seed_demo(office: Office) -> None:
    seed_guidance_claims(office)
