"""The working calendar in the app: seeded from chinese-calendar, the admin's CSV import of a new year's
State Council schedule (all rows or none), the permission check, and the admin's unconfirmed-year banner."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, func, select

import app.calendar.core as cal
from app import clock, db
from app.calendar import store as calendar_store
from models.audit import AuditLog
from models.calendar import CalendarYear, Holiday
from seed.holidays import load_holidays

SCHEDULE_2027 = (
    "日期,类型,名称\n"
    + "".join(f"2027-10-0{d},放假,国庆节\n" for d in range(1, 8))
    + "2027-10-09,上班,国庆节\n"
)
BANNER_2027 = "2027年节假日安排尚未确认"


@pytest.fixture
def clean_2027(app: Flask) -> Iterator[None]:
    """Tests share one database: remove what a test imported for 2027 and reload the calendar."""
    yield
    db.session.rollback()
    with db.engine.begin() as conn:
        conn.execute(delete(Holiday).where(Holiday.date >= date(2027, 1, 1)))
        conn.execute(delete(CalendarYear).where(CalendarYear.year >= 2027))
    calendar_store.reload(db.engine)


def upload(client: Any, text: bytes, confirm: bool = True) -> Any:
    data = {"year": "2027", "file": (io.BytesIO(text), "2027.csv")}
    if confirm:
        data["confirm"] = "y"
    return client.post("/calendar/import/", data=data, content_type="multipart/form-data")


def test_seed__chinese_calendar_years_loaded_and_installed(app: Flask) -> None:
    years = db.session.execute(select(CalendarYear.year).where(CalendarYear.confirmed)).scalars()
    assert set(range(2004, 2027)) <= set(years)
    count_2026 = db.session.execute(
        select(func.count()).where(Holiday.date >= date(2026, 1, 1), Holiday.date <= date(2026, 12, 31))
    ).scalar_one()
    assert count_2026 > 30
    assert db.session.get(CalendarYear, 1).source.startswith("chinese-calendar")
    assert load_holidays(db.session) == 0  # idempotent
    assert cal.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)
    assert not cal.is_confirmed(date(2027, 1, 4))


def test_csv_import__admin_confirms_year_and_moves_deadlines(
    app: Flask, login: Any, clean_2027: None
) -> None:
    assert cal.due("5个工作日", date(2027, 9, 30)) == cal.Due(date(2027, 10, 7), False)
    response = upload(login("admin"), SCHEDULE_2027.encode("gb18030"))
    assert response.status_code == 302
    year = db.session.execute(select(CalendarYear).where(CalendarYear.year == 2027)).scalar_one()
    assert year.confirmed and "2027.csv" in year.source
    assert cal.due("5个工作日", date(2027, 9, 30)) == cal.Due(date(2027, 10, 13), True)
    logged = db.session.execute(select(AuditLog).where(AuditLog.ledger == "holiday")).scalars().all()
    assert len(logged) == 8 and {log.username for log in logged} == {"admin"}
    admin = login("admin")
    assert "CSV" in admin.get("/calendar/import/").data.decode()
    assert "国庆节" in admin.get("/calendar/holidays/list/?_flt_0_name=国庆节").data.decode()
    assert admin.get("/calendar/years/list/").status_code == 200


def test_cli__import_replaces_the_year_and_show_lists_it(app: Flask, clean_2027: None, tmp_path: Any) -> None:
    runner = app.test_cli_runner()
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(SCHEDULE_2027, encoding="utf-8")
    second.write_text("2027-10-01,放假,国庆节\n2027-10-02,放假,国庆节\n", encoding="utf-8")
    assert runner.invoke(args=["calendar", "import", str(first), "--year", "2027"]).exit_code == 0
    assert not cal.is_confirmed(date(2027, 10, 1))  # imported as a draft
    result = runner.invoke(args=["calendar", "import", str(second), "--year", "2027", "--confirm"])
    assert result.exit_code == 0, result.output
    assert cal.is_confirmed(date(2027, 10, 1)) and cal.is_working_day(date(2027, 10, 4))
    shown = runner.invoke(args=["calendar", "show", "2027"]).output
    assert "2027-10-02" in shown and "2027-10-07" not in shown
    deleted = db.session.execute(select(AuditLog).where(AuditLog.action == "delete")).scalars().all()
    assert len(deleted) == 8
    bad = runner.invoke(args=["calendar", "import", str(second), "--year", "2028"])
    assert bad.exit_code != 0 and "2028" in bad.output


def test_csv_import__bad_file_writes_nothing_and_names_rows(app: Flask, login: Any, clean_2027: None) -> None:
    bad = "日期,类型,名称\n2027-10-01,放假,国庆节\n2027-13-01,放假,国庆节\n2027-10-02,休假,国庆节\n2026-10-03,放假,国庆节\n"
    page = upload(login("admin"), ("\ufeff" + bad).encode("utf-8")).data.decode()
    assert "第3行“日期”" in page and "第4行“类型”" in page and "第5行“日期”" in page
    assert "第2行" not in page
    assert db.session.execute(select(Holiday).where(Holiday.date >= date(2027, 1, 1))).first() is None
    assert db.session.execute(select(CalendarYear).where(CalendarYear.year == 2027)).first() is None


@pytest.mark.parametrize("user", ["qu_jingban", "ducha", "renhe_shequ"])
def test_calendar_admin__non_admin_refused(app: Flask, login: Any, clean_2027: None, user: str) -> None:
    client = login(user)
    assert client.get("/calendar/import/").status_code == 403
    assert upload(client, SCHEDULE_2027.encode()).status_code == 403
    assert client.get("/calendar/holidays/list/").status_code == 403
    assert db.session.execute(select(CalendarYear).where(CalendarYear.year == 2027)).first() is None
    admin = login("admin")  # the same pages open for the one who may
    assert (
        admin.get("/calendar/import/").status_code == admin.get("/calendar/holidays/list/").status_code == 200
    )


def test_banner__admin_sees_unconfirmed_next_year_in_q4(
    app: Flask, login: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 27))
    assert BANNER_2027 in login("admin").get("/").data.decode()
    assert BANNER_2027 not in login("qu_jingban").get("/").data.decode()
    monkeypatch.setattr(clock, "today", lambda: date(2026, 5, 6))
    assert "calendar-banner" not in login("admin").get("/").data.decode()
