"""Every moment a clerk reads is Beijing time to the minute: the kernel's `shown` formatter behind every view's
columns (app/templating.py) turns a stored UTC moment (07:08:09.123456) into 15:08, on the history browser's
list and entry, a record's 变更历史 tab and a user's audit fields; no page shows the stored ISO form."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import select, update

from app import db
from models.audit import AuditLog
from models.user import LedgerUser
from tests.conftest import first_community
from tests.web.helpers import person_named

STORED = datetime(2026, 12, 3, 7, 8, 9, 123456)  # UTC, as the database keeps it
SHOWN = "2026-12-03 15:08"  # Beijing
RAW = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}")  # seconds (and microseconds) mean a stored form


def test_history_record_and_user_pages__beijing_time_to_the_minute(app: Flask, login: Any) -> None:
    person = person_named(first_community("仁和镇"), "时钟甲")
    entry = db.session.execute(
        select(AuditLog).where(AuditLog.ledger == "person", AuditLog.row_id == person.id)
    ).scalar_one()
    db.session.execute(update(AuditLog).where(AuditLog.id == entry.id).values(at=STORED))
    db.session.execute(update(LedgerUser).where(LedgerUser.username == "qu_shenhe").values(created_on=STORED))
    db.session.commit()
    admin = login("admin")
    user = db.session.execute(select(LedgerUser).where(LedgerUser.username == "qu_shenhe")).scalar_one()

    pages = {
        "/history/list/?_flt_0_ledger=person": admin.get("/history/list/?_flt_0_ledger=person"),
        f"/history/show/{entry.id}": admin.get(f"/history/show/{entry.id}"),
        f"/ledger/person/show/{person.id}": admin.get(f"/ledger/person/show/{person.id}"),
        f"/users/show/{user.id}": admin.get(f"/users/show/{user.id}"),
    }

    for url, response in pages.items():
        page = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert SHOWN in page, url
        found = [page[max(0, m.start() - 300) : m.end() + 50] for m in RAW.finditer(page)]
        assert "07:08" not in page and not found, (url, found[:2])
