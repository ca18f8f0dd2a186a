"""用人单位信息台账: the generic ledger tests, the credit-code natural key and the 三同时 dates."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from models.employer import Employer
from tests.conftest import first_community
from tests.factories.employer import credit_code, employer_values
from tests.ledgers.case import LedgerCase


class TestEmployer(LedgerCase):
    ledger = "employer"
    change = {"employees": 300}
    invalid_values = [
        ({"credit_code": "91110113000001000G"}, "credit_code"),
        ({"credit_code": "123"}, "credit_code"),
        ({"industry": "Z9"}, "industry"),
        ({"new_build": True, "construction_on": "", "completion_on": ""}, "construction_on"),
        ({"ck14_checked_on": ""}, "ck14_checked_on"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return employer_values(org_id, n)


def create(app: Flask, values: dict[str, Any]) -> Employer:
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        employer = ledger.create(Employer, values)
        db.session.commit()
    return employer


def test_credit_code__lower_case_and_spaces_normalised(app: Flask) -> None:
    unit = first_community("仁和镇")
    raw = credit_code(7).lower()
    employer = create(app, {**employer_values(unit.id, 7), "credit_code": f" {raw[:9]} {raw[9:]} "})
    assert employer.credit_code == credit_code(7)


def test_credit_code__bad_checksum_refused(app: Flask) -> None:
    unit = first_community("仁和镇")
    good = credit_code(8)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ledger.LedgerError) as refused:
        create(app, {**employer_values(unit.id, 8), "credit_code": bad})
    assert "校验" in str(refused.value.errors["credit_code"])


def test_credit_code__duplicate_refused_even_in_another_town(app: Flask) -> None:
    create(app, employer_values(first_community("仁和镇").id, 9))
    with acting_as(app.appbuilder.sm.find_user(username="houshayu_jingban")):
        with pytest.raises(ledger.LedgerError) as refused:
            ledger.create(Employer, employer_values(first_community("后沙峪镇").id, 9))
    assert "credit_code" in refused.value.errors


def test_new_project__dates_required_and_ordered(app: Flask) -> None:
    unit = first_community("仁和镇")
    with pytest.raises(ledger.LedgerError) as refused:
        create(app, {**employer_values(unit.id, 10), "expansion": True, "construction_on": "2026-03-01"})
    assert set(refused.value.errors) == {"completion_on"}
    with pytest.raises(ledger.LedgerError) as refused:
        create(
            app,
            {
                **employer_values(unit.id, 10),
                "new_build": True,
                "construction_on": "2026-03-01",
                "completion_on": "2025-03-01",
            },
        )
    assert set(refused.value.errors) == {"completion_on"}
    employer = create(
        app,
        {
            **employer_values(unit.id, 10),
            "new_build": True,
            "construction_on": "2026-03-01",
            "completion_on": "2027-06-30",
        },
    )
    assert employer.new_build and employer.qualification_checked


def test_qualification_check__incomplete_until_every_item_and_date(app: Flask) -> None:
    unit = first_community("仁和镇")
    partial = {
        **employer_values(unit.id, 11, checked=False),
        "ck14_license": True,
        "ck14_checked_on": "2026-09-01",
    }
    assert not create(app, partial).qualification_checked
