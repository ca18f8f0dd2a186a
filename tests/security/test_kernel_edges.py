"""The security kernel's rules at the edges the mutation run found unguarded (app/security/): the refusals
read in Chinese, as a user sees them."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_wtf.csrf import CSRFError

from app.security import csrf
from app.security.passwords import check_password_policy

EXPIRED = "表单已过期或并非来自本系统，请重新加载页面后再试。"


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
