"""Kernel security: roles as data, password policy, rate limit, idle timeout, append-only history, the org
tree and code lists admin, the history browser's territory, and the home page counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from sqlalchemy import select

from app import create_app, db
from app.audit import HistoryIsAppendOnly
from app.ledger import LEDGERS
from app.security.passwords import check_password_policy
from models.audit import AuditLog
from models.codes import CodeItem
from models.org import OrgUnit
from models.person import Person
from seed.roles import ROLES
from tests.conftest import TEST_OVERRIDES, first_community, org
from tests.factories.person import make_person_row, person_values
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN


@pytest.mark.parametrize(
    ("password", "ok"),
    [("short7!", False), ("renhe_clerk", False), ("Renhe_Clerk", False), ("x9-long-pass", True)],
)
def test_password_policy__length_and_not_username(password: str, ok: bool) -> None:
    try:
        check_password_policy(password, username="renhe_clerk")
    except PasswordComplexityValidationError:
        assert not ok
    else:
        assert ok


def test_roles__seeded_as_data_with_matrix(app: Flask) -> None:
    sm = app.appbuilder.sm
    for name, spec in ROLES.items():
        granted = {(p.permission.name, p.view_menu.name) for p in sm.find_role(name).permissions}
        ledgers = spec.get("only_ledgers", LEDGERS)
        for perm in spec["ledgers"]:
            assert {(f"can_{perm}", ledger_name) for ledger_name in ledgers} <= granted, (name, perm)
        assert (("can_view", "PersonalData") in granted) == spec["pii"], name
        assert (("can_read", "person") in granted) == ("person" in ledgers), name
    inspector = {(p.permission.name, p.view_menu.name) for p in sm.find_role("督查").permissions}
    assert ("can_write", "person") not in inspector and ("can_read", "history") in inspector


def test_inspector__cannot_write_ledgers(app: Flask, login: Any) -> None:
    client = login("ducha")
    unit = first_community(HOME_TOWN)
    response = client.post("/api/v1/person/", json=person_values(unit.id))
    assert response.status_code in (401, 403)
    assert db.session.execute(select(Person)).first() is None


def test_login__rate_limited_after_repeated_failures(db_url: str) -> None:
    app = create_app(
        {
            **TEST_OVERRIDES,
            "SQLALCHEMY_DATABASE_URI": db_url,
            "RATELIMIT_ENABLED": True,
            "AUTH_RATE_LIMIT": "3 per minute",
        }
    )
    client = app.test_client()
    codes = [
        client.post("/login/", data={"username": "admin", "password": "wrong-pass"}).status_code
        for _ in range(5)
    ]
    assert 429 in codes


def test_session__idle_timeout_is_configured(app: Flask, login: Any) -> None:
    client = login("renhe_shequ")
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=30)
    response = client.get("/")
    cookie = response.headers.get("Set-Cookie", "")
    assert "Expires=" in cookie  # a permanent session that expires after idle time


def test_history__append_only_even_for_admin(app: Flask, login: Any) -> None:
    make_person_row(app, HOME_TOWN)
    log = db.session.execute(select(AuditLog)).scalars().first()
    log.comment = "篡改"
    with pytest.raises(HistoryIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.execute(select(AuditLog)).scalars().first())
    with pytest.raises(HistoryIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    admin = login("admin")
    assert admin.post(f"/history/delete/{log.id}").status_code in (403, 404, 405)
    assert admin.post(f"/history/edit/{log.id}", data={"comment": "篡改"}).status_code in (403, 404, 405)
    db.session.expire_all()
    assert db.session.get(AuditLog, log.id).comment is None


def test_ledger_rows__never_hard_deleted(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    db.session.delete(row)
    with pytest.raises(HistoryIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_history_browser__inspector_filters_and_town_scope(app: Flask, login: Any) -> None:
    make_person_row(app, HOME_TOWN, 1)
    make_person_row(app, OTHER_TOWN, 2)
    page = login("ducha").get("/history/list/").data.decode()
    assert page.count("renhe_jingban") >= 1 and page.count("houshayu_jingban") >= 1
    filtered = login("ducha").get("/history/list/?_flt_0_username=houshayu_jingban").data.decode()
    assert "houshayu_jingban" in filtered and "renhe_jingban</td>" not in filtered
    assert login("renhe_shequ").get("/history/list/").status_code in (302, 403)


def test_org_tree__admin_adds_renames_deactivates_and_cannot_delete_used_unit(app: Flask, login: Any) -> None:
    admin = login("admin")
    town = org(HOME_TOWN)
    response = admin.post("/orgunits/add", data={"parent": town.id, "code": "T0001", "name": "测试新社区"})
    assert response.status_code == 302
    unit = db.session.execute(select(OrgUnit).where(OrgUnit.code == "T0001")).scalar_one()
    assert unit.level == "community" and unit.path == f"{town.path}/T0001"
    admin.post(f"/orgunits/edit/{unit.id}", data={"name": "测试改名社区", "active": "y"})
    db.session.expire_all()
    assert db.session.get(OrgUnit, unit.id).name == "测试改名社区"
    used = first_community(HOME_TOWN)
    make_person_row(app, HOME_TOWN)
    admin.post(f"/orgunits/delete/{used.id}")
    db.session.expire_all()
    assert db.session.get(OrgUnit, used.id) is not None


def test_code_list__referenced_item_never_deleted(app: Flask, login: Any) -> None:
    make_person_row(app, HOME_TOWN)
    item = db.session.execute(
        select(CodeItem).where(CodeItem.list_key == "hukou_type", CodeItem.code == "2")
    ).scalar_one()
    login("admin").post(f"/codes/delete/{item.id}")
    db.session.expire_all()
    assert db.session.get(CodeItem, item.id) is not None


def test_home__counts_of_own_territory(app: Flask, login: Any) -> None:
    make_person_row(app, HOME_TOWN, 1)
    make_person_row(app, OTHER_TOWN, 2)
    town_page = login("renhe_jingban").get("/").data.decode()
    assert '<b id="home-total">1</b>' in town_page
    district_page = login("qu_jingban").get("/").data.decode()
    assert '<b id="home-total">2</b>' in district_page and 'id="home-towns"' in district_page
    assert "后沙峪镇" in district_page


@pytest.mark.parametrize(
    "username", ["renhe_shequ", "renhe_jingban", "qu_shenhe", "ducha", "disanfang", "admin"]
)
def test_own_account__every_role_sees_its_user_info(app: Flask, login: Any, username: str) -> None:
    page = login(username).get("/users/userinfo/")
    assert page.status_code == 200 and username in page.data.decode()
