"""岗位信息台账: the generic ledger tests and the requirement checks."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from models.vacancy import Vacancy
from tests.conftest import first_community, org
from tests.factories.employer import make_employer
from tests.factories.vacancy import vacancy_values
from tests.ledgers.case import LedgerCase


class TestVacancy(LedgerCase):
    ledger = "vacancy"
    change = {"headcount": 8}
    invalid_values = [
        ({"headcount": "0"}, "headcount"),
        ({"wage_max": "3000"}, "wage_max"),
        ({"age_max": "80"}, "age_max"),
        ({"valid_until": "2026-09-01"}, "valid_until"),
        ({"source": ""}, "source"),
        ({"education": "99"}, "education"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return vacancy_values(make_employer(org_id).id, org_id, n)


def test_work_town__must_be_a_street_or_town(app: Flask) -> None:
    unit = first_community("仁和镇")
    employer = make_employer(unit.id)
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        with pytest.raises(ledger.LedgerError) as refused:
            ledger.create(Vacancy, {**vacancy_values(employer.id, unit.id), "work_town_id": unit.id})
        assert set(refused.value.errors) == {"work_town_id"}
        town = org("后沙峪镇")
        vacancy = ledger.create(Vacancy, {**vacancy_values(employer.id, unit.id), "work_town_id": town.id})
        db.session.commit()
    assert vacancy.work_town.name == "后沙峪镇" and vacancy.state == "pending"
