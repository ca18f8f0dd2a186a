"""Demo public-welfare post workers (SM-09) in every demo town, with last month's pay at each step
(calculated, entered, signed, disbursed)."""

from __future__ import annotations

from datetime import date, timedelta

from models.welfare import WelfarePayment, WelfarePostWorker
from seed.demo.office import DISTRICT_CLERK, REVIEWER, Office, month_start

ORDER = 120


def seed_welfare(office: Office) -> None:
    rng, today = office.rng, office.today
    year_start = date(today.year, 1, 1)
    last_month = month_start(today, 1)
    for town in office.towns:
        for k, person in enumerate(office.take_persons(town, 4)):
            base = rng.choice(("2420.00", "2500.00", "2600.00"))
            worker = office.create(
                DISTRICT_CLERK,
                WelfarePostWorker,
                {
                    "org_id": person.org_id,
                    "person_id": person.id,
                    "contract_start": year_start,
                    "contract_end": date(today.year, 12, 31),
                    "start_date": year_start + timedelta(days=rng.randint(0, 60)),
                    "base_wage": base,
                    "floating_wage": "200.00",
                },
            )
            payment = office.create(
                DISTRICT_CLERK,
                WelfarePayment,
                {"org_id": worker.org_id, "worker_id": worker.id, "pay_month": last_month},
            )
            if k == 0:
                continue  # calculated, waiting to be entered
            office.fire(DISTRICT_CLERK, payment, "enter", date=last_month + timedelta(days=4))
            if k == 1:
                continue  # waiting for the reviewer's signature
            office.fire(REVIEWER, payment, "sign", date=last_month + timedelta(days=12))
            if k == 3:
                office.fire(DISTRICT_CLERK, payment, "disburse", date=last_month + timedelta(days=20))
    office.commit()


def seed_demo(office: Office) -> None:
    seed_welfare(office)
