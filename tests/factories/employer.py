"""用人单位: valid unified social credit codes, employer rows and employers made in a unit."""

from __future__ import annotations

from itertools import count
from typing import Any

from flask import current_app
from stdnum.cn import uscc

from app import db, ledger
from app.security.scope import acting_as
from models.employer import Employer

SEQUENCE = count(500)


def credit_code(n: int) -> str:
    body = f"91110113{n:08d}X"
    return body + uscc.calc_check_digit(body)


def employer_values(org_id: int, n: int, checked: bool = True) -> dict[str, Any]:
    values: dict[str, Any] = {
        "org_id": org_id,
        "credit_code": credit_code(n),
        "name": f"顺义测试企业{n}有限公司",
        "industry": "C",
        "size": "3",
        "hr_contact": "张人事",
        "hr_phone": "010-69401234",
        "employees": 120,
    }
    if checked:
        values |= {"ck14_license": True, "ck14_org_code": True, "ck14_agent_letter": True}
        values["ck14_checked_on"] = "2026-09-01"
    return values


def make_employer(org_id: int, checked: bool = True) -> Employer:
    """An employer of unit org_id, registered by the district clerk."""
    with acting_as(current_app.appbuilder.sm.find_user(username="qu_jingban")):
        employer = ledger.create(Employer, employer_values(org_id, next(SEQUENCE), checked))
        db.session.commit()
    return employer
