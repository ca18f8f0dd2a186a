"""Demo referrals: valid registrations referred to open vacancies, the interviews held given an outcome
(the follow-ups the rules schedule); then the vacancies that found someone are filled
(seed/demo/vacancy.py: `close_vacancies`)."""

from __future__ import annotations

from datetime import timedelta

from models.job_seeker import JobSeeker
from models.referral import Referral
from models.vacancy import Vacancy
from seed.demo.office import Office, town_clerk_over
from seed.demo.vacancy import close_vacancies

ORDER = 50  # after vacancy and job_seeker (who is referred where)


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


def seed_demo(office: Office) -> None:
    published = office.made["vacancy"]
    filled = seed_referrals(office, office.made["job_seeker"], published)
    close_vacancies(office, published, filled)
