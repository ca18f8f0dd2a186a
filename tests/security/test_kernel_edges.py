"""The security kernel's rules at the edges the mutation run found unguarded (app/security/): the refusals
read in Chinese, as a user sees them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_wtf.csrf import CSRFError

from app.ledger.registry import LEDGERS
from app.security import csrf, login_limits
from app.security.passwords import check_password_policy
from app.security.roles import PII, share_permissions, sync_roles
from seed.roles import OWN_ACCOUNT, ROLES

EXPIRED = "表单已过期或并非来自本系统，请重新加载页面后再试。"
TOO_MANY = "登录失败次数过多，请等待几分钟后再试。"


def test_password_policy__the_refusals_in_chinese(app: Flask) -> None:
    with app.test_request_context("/"):
        with pytest.raises(PasswordComplexityValidationError) as short:
            check_password_policy("1234567", username="someone")
        assert str(short.value) == "密码长度不能少于8位"
        with pytest.raises(PasswordComplexityValidationError) as same:
            check_password_policy("Clerk_One", username="clerk_one")
        assert str(same.value) == "密码不能与用户名相同"


def test_csrf__the_refusal_in_chinese_titled_on_a_page(app: Flask) -> None:
    with app.test_request_context("/api/v1/person/", method="POST"):
        assert csrf.refused(CSRFError()) == ({"message": EXPIRED}, 400)
    with app.test_request_context("/ledger/person/add", method="POST"):
        page, status = csrf.refused(CSRFError())
    assert status == 400 and EXPIRED in page
    assert "<h3>请求被拒绝</h3>" in " ".join(page.split()).replace("<h3> ", "<h3>").replace(" </h3>", "</h3>")


def role_rights(sm: Any, name: str) -> set[tuple[str, str]]:
    return {(pv.permission.name, pv.view_menu.name) for pv in sm.find_role(name).permissions}


def test_sync_roles__each_role_gets_exactly_the_rights_of_the_matrix_and_the_admin_unmasked_data(
    app: Flask,
) -> None:
    sm = app.appbuilder.sm
    ledgers = list(LEDGERS)
    admin = sm.find_role(sm.auth_role_admin)
    pii = sm.find_permission_view_menu(*PII)
    admin.permissions = [pv for pv in admin.permissions if pv is not pii]  # lost rights come back
    for name in ROLES:
        sm.find_role(name).permissions = []
    sm.session.commit()
    sync_roles(app.appbuilder, ledgers)
    assert PII in role_rights(sm, sm.auth_role_admin)
    for name, spec in ROLES.items():
        expected = {*OWN_ACCOUNT, *spec["views"], *(("menu_access", menu) for menu in spec["menus"])}
        for ledger_name in spec.get("only_ledgers", ledgers):
            expected |= {(f"can_{perm}", ledger_name) for perm in spec["ledgers"]} | {
                ("menu_access", ledger_name)
            }
        if spec["pii"]:
            expected.add(PII)
        assert role_rights(sm, name) == expected, name
    assert ("can_read", "district_subsidy") in role_rights(sm, "第三方终审")
    assert ("can_read", "person") not in role_rights(sm, "第三方终审")  # only its ledgers
    assert PII not in role_rights(sm, "督查")


def test_share_permissions__views_of_one_name_declare_the_same_permissions_with_its_menu(app: Flask) -> None:
    share_permissions(app.appbuilder)
    by_name: dict[str, list[Any]] = {}
    for view in app.appbuilder.baseviews:
        by_name.setdefault(view.class_permission_name, []).append(view)
    menus = set(app.appbuilder.menu.get_flat_name_list())
    person_views = by_name["person"]
    assert len(person_views) > 1 and "menu_access" in person_views[0].base_permissions
    for name, views in by_name.items():
        permissions = {tuple(view.base_permissions) for view in views}
        assert len(permissions) == 1, name
        (found,) = permissions
        assert list(found) == sorted(found)
        assert name not in menus or "menu_access" in found, name


def test_login_limits__the_refusal_in_chinese_titled_on_a_page(app: Flask) -> None:
    with app.test_request_context("/api/v1/security/login", method="POST"):
        assert login_limits.too_many(Exception()) == ({"message": TOO_MANY}, 429)
    with app.test_request_context("/login/", method="POST"):
        page, status = login_limits.too_many(Exception())
    flat = " ".join(page.split())
    assert (
        status == 429
        and TOO_MANY in flat
        and "<h3>尝试次数过多</h3>" in flat.replace("<h3> ", "<h3>").replace(" </h3>", "</h3>")
    )


def test_login_limits__a_broken_json_login_counts_for_the_address_without_a_name(app: Flask) -> None:
    with app.test_request_context(
        "/api/v1/security/login", method="POST", data="{broken", content_type="application/json"
    ):
        assert login_limits.account_and_address() == "127.0.0.1/"
    with app.test_request_context("/api/v1/security/login", method="POST", json={"username": " Clerk "}):
        assert login_limits.account_and_address() == "127.0.0.1/clerk"


def test_share_permissions__the_union_of_the_views_of_a_name_and_menu_access_only_for_a_menu() -> None:
    views = [
        SimpleNamespace(class_permission_name="person", base_permissions=["can_read", "can_write"]),
        SimpleNamespace(class_permission_name="person", base_permissions=["can_step"]),
        SimpleNamespace(class_permission_name="jobs", base_permissions=None),
    ]
    appbuilder = SimpleNamespace(baseviews=views, menu=SimpleNamespace(get_flat_name_list=lambda: ["person"]))
    share_permissions(appbuilder)
    assert [view.base_permissions for view in views] == [
        ["can_read", "can_step", "can_write", "menu_access"],
        ["can_read", "can_step", "can_write", "menu_access"],
        [],
    ]
