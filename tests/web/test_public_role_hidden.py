"""FAB's role for anonymous visitors (AUTH_ROLE_PUBLIC) is given to nobody who logs in: the user and group forms
and the role list leave it out, and the user form's unit select starts with 请选择."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask


@pytest.mark.parametrize("url", ["/users/add", "/groups/add", "/roles/list/"])
def test_public_role__not_offered_nor_listed(app: Flask, login: Any, url: str) -> None:
    page = login("admin").get(url).get_data(as_text=True)
    public = app.config["AUTH_ROLE_PUBLIC"]
    assert "系统管理员" in page
    assert not re.search(rf">\s*{public}\s*<", page)


def test_user_form__unit_select_starts_with_please_choose(login: Any) -> None:
    page = login("admin").get("/users/add").get_data(as_text=True)
    first = re.search(r'<select[^>]*name="org"[^>]*>\s*<option[^>]*>([^<]*)</option>', page)
    assert first is not None and first.group(1).strip() == "请选择"
