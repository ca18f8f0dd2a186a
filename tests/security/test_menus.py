"""The menu entries of the vacancy board (信息发布 → 岗位发布栏) and the quarterly visit analysis (统计分析 →
走访季度分析), by role as seed/roles.py grants them."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

BOARD, ANALYSIS = "/vacancy_board/", "/visit_analysis/"


@pytest.mark.parametrize(
    ("username", "board", "analysis"),
    [
        ("renhe_shequ", True, False),  # the community posts vacancies on its 公告栏 but makes no analysis
        ("renhe_jingban", True, True),
        ("qu_jingban", True, True),
        ("qu_shenhe", False, True),
        ("ducha", False, True),  # the inspector reads the figures
        ("disanfang", False, False),
    ],
)
def test_menu__board_and_visit_analysis_by_role(
    app: Flask, login: Any, username: str, board: bool, analysis: bool
) -> None:
    client = login(username)
    home = client.get("/").data.decode()
    assert (f'href="{BOARD}"' in home) == board, username
    assert ("信息发布" in home) == board, username
    assert (f'href="{ANALYSIS}"' in home) == analysis, username
    assert ("统计分析" in home) == analysis, username
    if board:
        assert "岗位发布栏" in client.get(BOARD).data.decode()
    if analysis:
        page = client.get(ANALYSIS)
        assert page.status_code == 200 and "走访季度分析" in page.data.decode()


@pytest.mark.parametrize("ledger_name", ["person", "job_seeker", "loan", "welfare_post_worker"])
def test_third_party__sees_only_the_district_subsidy_cases(app: Flask, login: Any, ledger_name: str) -> None:
    client = login("disanfang")  # the outside reviewer of R-34's 终审, with unmasked ID numbers
    assert client.get("/ledger/district_subsidy/list/").status_code == 200
    assert client.get(f"/ledger/{ledger_name}/list/").status_code == 403
    assert client.get(f"/api/v1/{ledger_name}/").status_code == 403
    assert f'href="/ledger/{ledger_name}/list/"' not in client.get("/").data.decode()
