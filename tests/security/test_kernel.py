"""Kernel security: roles as data, password policy, rate limit, idle timeout, append-only history, the org
tree and code lists admin, the history browser's territory, and the home page counts."""

from __future__ import annotations

import time
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import itsdangerous.timed
import pytest
from flask import Flask
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from sqlalchemy import select

from app import create_app, db, ledger
from app.audit import HistoryIsAppendOnly
from app.ledger import LEDGERS
from app.security.passwords import check_password_policy
from app.security.scope import acting_as
from app.templating import person_name
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
    assert response.status_code == 403
    assert db.session.execute(select(Person)).first() is None
    assert client.get("/api/v1/person/").status_code == 200  # reading is the inspector's right


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


def test_session__expires_after_30_idle_minutes_and_each_request_renews_it(
    app: Flask, login: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = login("renhe_shequ")
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=30)
    now = [time.time()]
    monkeypatch.setattr(itsdangerous.timed, "time", SimpleNamespace(time=lambda: now[0]))
    for idle_minutes in (29, 29):  # each request renews the session's signature
        now[0] += idle_minutes * 60
        assert client.get("/ledger/person/list/").status_code == 200, idle_minutes
    now[0] += 31 * 60
    expired = client.get("/ledger/person/list/")
    assert expired.status_code == 302 and "/login/" in expired.location


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


TOWN_CLERKS = ("renhe_jingban", "houshayu_jingban")


def test_history_browser__inspector_filters_and_town_scope(app: Flask, login: Any) -> None:
    make_person_row(app, HOME_TOWN, 1)
    make_person_row(app, OTHER_TOWN, 2)
    renhe, houshayu = (person_name(app.appbuilder.sm.find_user(username=name)) for name in TOWN_CLERKS)
    assert renhe != houshayu
    page = login("ducha").get("/history/list/").data.decode()
    assert page.count(renhe) >= 1 and page.count(houshayu) >= 1  # who did it, by name
    filtered = login("ducha").get("/history/list/?_flt_0_username=houshayu_jingban").data.decode()
    assert houshayu in filtered and f"{renhe}</td>" not in filtered
    assert login("renhe_shequ").get("/history/list/").status_code == 403


def test_org_tree__admin_adds_renames_deactivates_and_cannot_delete_used_unit(app: Flask, login: Any) -> None:
    admin = login("admin")
    town = org(HOME_TOWN)
    for code in ("T0001", "T0002"):
        response = admin.post("/orgunits/add", data={"parent": town.id, "code": code, "name": f"测试{code}"})
        assert response.status_code == 302
    unit, unused = (
        db.session.execute(select(OrgUnit).where(OrgUnit.code == code)).scalar_one()
        for code in ("T0001", "T0002")
    )
    assert unit.level == "community" and unit.path == f"{town.path}/T0001"
    admin.post(f"/orgunits/edit/{unit.id}", data={"name": "测试改名社区", "active": "y"})
    db.session.expire_all()
    assert db.session.get(OrgUnit, unit.id).name == "测试改名社区"
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        ledger.create(Person, person_values(unit.id))
        db.session.commit()
    refused = admin.post(f"/orgunits/delete/{unit.id}", follow_redirects=True)
    assert "该机构下已有记录、用户或下级机构，不能删除，请改为停用" in refused.data.decode()
    assert admin.post(f"/orgunits/delete/{unused.id}").status_code == 302  # an unused unit may go
    db.session.expire_all()
    assert db.session.get(OrgUnit, unit.id) is not None and db.session.get(OrgUnit, unused.id) is None


def test_code_list__referenced_item_never_deleted(app: Flask, login: Any) -> None:
    make_person_row(app, HOME_TOWN)
    item = db.session.execute(
        select(CodeItem).where(CodeItem.list_key == "hukou_type", CodeItem.code == "2")
    ).scalar_one()
    admin = login("admin")
    refused = admin.post(f"/codes/delete/{item.id}", follow_redirects=True)
    assert "该字典项已被记录引用，不能删除，请改为停用" in refused.data.decode()
    unused = CodeItem(
        list_key="hukou_type", list_title="户口性质", code="T9", label="测试项", sort=99, active=True
    )
    db.session.add(unused)
    db.session.commit()
    assert admin.post(f"/codes/delete/{unused.id}").status_code == 302  # an unused item may go
    db.session.expire_all()
    assert db.session.get(CodeItem, item.id) is not None and db.session.get(CodeItem, unused.id) is None


def test_home__counts_of_own_territory(app: Flask, login: Any) -> None:
    make_person_row(app, HOME_TOWN, 1)
    make_person_row(app, OTHER_TOWN, 2)
    town_page = login("renhe_jingban").get("/").data.decode()
    assert 'data-key="persons" href="/ledger/person/list/">1</a>' in town_page
    district_page = login("qu_jingban").get("/").data.decode()
    assert 'data-key="persons" href="/ledger/person/list/">2</a>' in district_page
    assert "后沙峪镇" in district_page.split('id="home-units"')[1]


@pytest.mark.parametrize(
    "username", ["renhe_shequ", "renhe_jingban", "qu_shenhe", "ducha", "disanfang", "admin"]
)
def test_own_account__every_role_sees_its_user_info(app: Flask, login: Any, username: str) -> None:
    page = login(username).get("/users/userinfo/")
    assert page.status_code == 200 and username in page.data.decode()


def test_login_helper__wrong_password_fails_it_and_leaves_the_client_anonymous(
    app: Flask, personas: Any, client: Any
) -> None:
    """The refusal checks of the suite (403 for a logged-in user) rest on the helper having logged in."""
    with pytest.raises(AssertionError):
        personas.login("renhe_shequ", "wrong-pass")
    anonymous = client.get("/history/list/")
    assert anonymous.status_code == 302 and "/login/" in anonymous.location
    assert personas.login("ducha").get("/history/list/").status_code == 200
