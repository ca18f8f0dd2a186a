"""Rows the kernel's web tests share: persons of a chosen name and unit, written by a clerk of that unit."""

from __future__ import annotations

import re
from datetime import date
from itertools import count
from typing import Any

from flask import current_app

from app import db, ledger
from app.security.scope import acting_as
from models.org import OrgUnit
from models.person import Person
from tests.factories.person import id_for

SEQUENCE = count(300)


def person_named(unit: OrgUnit, name: str, phone: str = "13800138000", **values: Any) -> Person:
    clerk = current_app.appbuilder.sm.find_user(username="qu_jingban")
    with acting_as(clerk):
        person = ledger.create(
            Person,
            {
                "org_id": unit.id,
                "id_number": id_for(date(1990, 5, 6), next(SEQUENCE), region="110113"),
                "name": name,
                "hukou_type": "2",
                "employment_status": "22",
                "phone": phone,
                **values,
            },
        )
        db.session.commit()
    return person


def select_html(page: str, name: str) -> str:
    """The <select name=...>...</select> of a page."""
    match = re.search(rf'<select[^>]*name="{name}"[^>]*>.*?</select>', page, re.S)
    assert match, f"no select {name}"
    return match.group(0)


def options(select: str) -> list[tuple[str, str, bool]]:
    """(value, text, selected) of each option of a select; FAB's blank value "__None" reads as ""."""
    found = []
    for attrs, text in re.findall(r"<option([^>]*)>(.*?)</option>", select, re.S):
        value = re.search(r'value="([^"]*)"', attrs)
        blank = value is None or value.group(1) == "__None"
        found.append(("" if blank else value.group(1), text.strip(), "selected" in attrs))  # type: ignore[union-attr]
    return found
