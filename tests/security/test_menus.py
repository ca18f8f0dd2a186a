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
