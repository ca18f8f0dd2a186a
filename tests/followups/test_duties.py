"""日历性职责 in 我的待办: a duty appears for its tier within its lead days (or overdue), not for other
tiers, and vanishes once the user's unit records 办结 for the period; the duty list is admin data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, select

from app import db
from app.services.duties import duty_items
from models.duty import Duty, DutyDone


@pytest.fixture(autouse=True)
def no_done_records(app: Flask) -> Iterator[None]:
    yield
    db.session.rollback()
    db.session.execute(delete(DutyDone))
    db.session.commit()


def user(app: Flask, name: str) -> Any:
    return app.appbuilder.sm.find_user(username=name)


def titles(app: Flask, username: str, today: date) -> dict[str, Any]:
    """Duty name → its latest item in the user's inbox."""
    with app.test_request_context():
        return {item.title: item for item in sorted(duty_items(user(app, username), today), key=due)}


def dues(app: Flask, username: str, today: date, name: str) -> list[date]:
    with app.test_request_context():
        return sorted(i.due_on for i in duty_items(user(app, username), today) if i.title == name)


def due(item: Any) -> date:
    return item.due_on


def test_district_duty__shown_within_lead_days_for_district_tier_only(app: Flask) -> None:
    comparison = "失业人员基本情况查询、对比"  # 每月25日, lead 5 days; October's is overdue (not done)
    assert dues(app, "qu_jingban", date(2026, 11, 19), comparison) == [date(2026, 10, 25)]
    assert dues(app, "qu_jingban", date(2026, 11, 20), comparison) == [date(2026, 10, 25), date(2026, 11, 25)]
    soon = titles(app, "qu_jingban", date(2026, 11, 20))[comparison]
    assert not soon.overdue(date(2026, 11, 20)) and soon.url.endswith("period=2026-11")
    assert titles(app, "qu_jingban", date(2026, 10, 26))[comparison].overdue(date(2026, 10, 26))
    assert comparison not in titles(app, "renhe_jingban", date(2026, 11, 20))
    assert titles(app, "ducha", date(2026, 11, 20)) == {}  # inspectors have no duties


def test_meeting_last_wednesday_and_quarter_first_month_check(app: Flask) -> None:
    meeting = dues(app, "qu_jingban", date(2026, 12, 28), "全区失业人员管理例会")
    assert meeting == [date(2026, 11, 25), date(2026, 12, 30)]
    assert dues(app, "qu_jingban", date(2026, 12, 28), "就业失业登记检查抽查") == [date(2026, 10, 31)]
    assert dues(app, "qu_jingban", date(2026, 12, 27), "就业失业登记检查抽查") == [date(2026, 10, 31)]
    assert dues(app, "qu_jingban", date(2027, 1, 26), "就业失业登记检查抽查") == [
        date(2026, 10, 31),
        date(2027, 1, 31),
    ]


def test_done__vanishes_for_that_unit_and_period_only(app: Flask, login: Any, monkeypatch: Any) -> None:
    today = date(2026, 12, 3)
    monkeypatch.setattr("app.clock.today", lambda: today)
    duty = "核查登记失业人员社保缴费"  # 街镇, 每月5日
    item = titles(app, "renhe_jingban", today)[duty]
    assert item.url.endswith("period=2026-12") and item.due_on == date(2026, 12, 5)
    client = login("renhe_jingban")
    assert client.post(item.url, data={"note": "已核查"}).status_code == 302
    assert dues(app, "renhe_jingban", today, duty) == [date(2026, 11, 5)]  # November's still open
    assert dues(app, "houshayu_jingban", today, duty) == [date(2026, 11, 5), date(2026, 12, 5)]
    record = db.session.execute(select(DutyDone)).scalar_one()
    assert (record.period, record.org_id, record.note) == (
        "2026-12",
        user(app, "renhe_jingban").org_id,
        "已核查",
    )
    again = client.post(item.url, follow_redirects=True).data.decode()
    assert "2026-12" in again and db.session.execute(select(DutyDone)).scalars().all() == [record]


def test_done__refused_for_other_tier_and_unknown_period(app: Flask, login: Any) -> None:
    duty = db.session.execute(select(Duty).where(Duty.code == "D-06")).scalar_one()  # district
    client = login("renhe_jingban")
    assert client.post(f"/duties/{duty.id}/done?period=2026-11").status_code == 302
    qu = login("qu_jingban")
    assert qu.post(f"/duties/{duty.id}/done?period=1999-01").status_code == 302
    assert db.session.execute(select(DutyDone)).first() is None
    assert login("ducha").post(f"/duties/{duty.id}/done?period=2026-11").status_code == 403
    assert db.session.execute(select(DutyDone)).first() is None


def test_admin__edits_duty_list_and_bad_anchor_refused(app: Flask, login: Any) -> None:
    admin = login("admin")
    assert "失业人员基本情况查询、对比" in admin.get("/dutyadmin/list/").data.decode()
    duty = db.session.execute(select(Duty).where(Duty.code == "D-06")).scalar_one()
    form = {"name": duty.name, "tier": "district", "anchor": "每月26日", "lead_days": 3, "active": "y"}
    assert admin.post(f"/dutyadmin/edit/{duty.id}", data=form).status_code == 302
    db.session.expire_all()
    assert (duty.anchor, duty.lead_days) == ("每月26日", 3)
    admin.post(f"/dutyadmin/edit/{duty.id}", data={**form, "anchor": "每两周"})
    db.session.expire_all()
    assert duty.anchor == "每月26日"
    assert login("renhe_jingban").get("/dutyadmin/list/").status_code == 403
    duty.anchor, duty.lead_days = "每月25日", 5
    db.session.commit()
