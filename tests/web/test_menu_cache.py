"""The navbar menu is rendered once per permission set and language (app/web/menu_cache.py): each user sees
the items their roles grant, and a role edited by an administrator changes the menu on the next page."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app import db

LOAN_MENU = 'href="/ledger/loan/list/"'


def menu(client: Any) -> str:
    page = client.get("/ledger/person/list/").get_data(as_text=True)
    return page.split('<ul class="nav navbar-nav">', 1)[1].split(
        '<ul class="nav navbar-nav navbar-right">', 1
    )[0]


def test_menu__each_permission_set_its_own_and_a_role_edit_shows_at_once(app: Flask, login: Any) -> None:
    town = menu(login("renhe_jingban"))
    inspector = menu(login("ducha"))
    assert LOAN_MENU in town and "台账" in town
    assert town != inspector
    assert menu(login("renhe_jingban")) == town  # the kept copy, the same as rendered

    sm = app.appbuilder.sm
    user = sm.find_user(username="renhe_jingban")
    granting = sm.find_permission_view_menu("menu_access", "loan")
    roles = [role for role in user.roles if granting in role.permissions]
    for role in roles:
        sm.del_permission_role(role, granting)
    db.session.commit()
    try:
        assert LOAN_MENU not in menu(login("renhe_jingban"))
    finally:  # the tests share one seeded database
        for role in roles:
            sm.add_permission_role(role, granting)
        db.session.commit()
    assert menu(login("renhe_jingban")) == town
