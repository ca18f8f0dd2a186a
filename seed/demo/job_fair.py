"""Demo job fairs of the district: one held last month (archived, with its employers' results), one coming
(published) and one just accepted."""

from __future__ import annotations

import string
from datetime import timedelta
from typing import Any

from models.employer import Employer
from models.job_fair import JobFair, JobFairParticipation
from seed.demo.office import Office

ORDER = 60  # after employer (the employers at the booths)


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


def seed_demo(office: Office) -> None:
    seed_job_fairs(office, office.made["employer"])
