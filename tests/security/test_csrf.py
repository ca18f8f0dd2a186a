"""CSRF (issue 14 item 7): a cross-site POST without the page's token is refused, the same POST from the
page succeeds; the API takes bearer tokens without one but a session-cookie API write needs it; state-changing
action routes answer POST only."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app import db
from models.person import Person
from seed.demo.person import DEMO_PASSWORD
from tests.conftest import first_community
from tests.factories.person import make_person_row, person_values
from tests.ledgers.case import HOME_TOWN
from tests.security.conftest import TOKEN, page_token


def test_void__cross_site_post_without_token_refused(csrf_app: Flask, browser_login: Any) -> None:
    row = make_person_row(csrf_app, HOME_TOWN)
    client = browser_login("renhe_jingban")
    response = client.post(f"/ledger/person/delete/{row.id}", data={"reason": "跨站伪造"})
    assert response.status_code == 400
    assert "请重新加载页面" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Person, row.id).voided_at is None


def test_void__post_with_the_page_token_voids(csrf_app: Flask, browser_login: Any) -> None:
    row = make_person_row(csrf_app, HOME_TOWN)
    client = browser_login("renhe_jingban")
    token = page_token(client, f"/ledger/person/delete/{row.id}")
    response = client.post(
        f"/ledger/person/delete/{row.id}", data={"reason": "重复登记", "csrf_token": token}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, row.id).voided_at is not None


def test_show_page__every_post_form_carries_a_token(csrf_app: Flask, browser_login: Any) -> None:
    row = make_person_row(csrf_app, HOME_TOWN)
    page = browser_login("renhe_jingban").get(f"/ledger/person/show/{row.id}").get_data(as_text=True)
    forms = [chunk for chunk in page.split("<form")[1:] if 'method="post"' in chunk.split(">", 1)[0].lower()]
    assert forms
    assert all(TOKEN.search(form.split("</form>", 1)[0]) for form in forms)


def test_api__session_cookie_write_needs_token_bearer_does_not(csrf_app: Flask, browser_login: Any) -> None:
    unit = first_community(HOME_TOWN)
    client = browser_login("renhe_jingban")
    assert client.post("/api/v1/person/", json=person_values(unit.id, 1)).status_code == 400
    token = page_token(client, "/ledger/person/add")
    created = client.post("/api/v1/person/", json=person_values(unit.id, 2), headers={"X-CSRFToken": token})
    assert created.status_code == 201
    api = csrf_app.test_client()
    login = api.post(
        "/api/v1/security/login",
        json={"username": "renhe_jingban", "password": DEMO_PASSWORD, "provider": "db"},
    )
    assert login.status_code == 200
    bearer = {"Authorization": f"Bearer {login.json['access_token']}"}
    assert api.post("/api/v1/person/", json=person_values(unit.id, 3), headers=bearer).status_code == 201


def test_bulk_action__get_refused(csrf_app: Flask, browser_login: Any) -> None:
    row = make_person_row(csrf_app, HOME_TOWN)
    client = browser_login("admin")
    response = client.get(f"/ledger/person/action/void_selected/{row.id}")
    assert response.status_code == 405
