"""The Chinese interface in a real browser (issue 15 items 6–8): a missing record's page is Chinese with the
way back, the list icons' tooltips and select2's own texts are Chinese (FAB bundles select2 without its zh
file: app/static/js/zh_widgets.js), and 版本号 is not shown on a record's page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import log_in

CLERK = "renhe_jingban"  # 街镇经办 of 仁和镇
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.e2e
def test_missing_record__chinese_page_with_the_way_back(page: Any, live_server: Any) -> None:
    log_in(page, CLERK)
    page.goto("/ledger/person/list/")
    response = page.goto("/ledger/person/show/999999", referer=f"{live_server.url}/ledger/person/list/")

    assert response is not None and response.status == 404
    expect(page.locator("#error-message")).to_contain_text("页面不存在")
    expect(page.locator("#error-home")).to_have_text("首页")
    back = page.locator("#error-back")
    expect(back).to_have_text("返回上一页")
    back.click()
    expect(page).to_have_url(re.compile(r"/ledger/person/list/$"))


@pytest.mark.e2e
def test_list_tooltips_and_select2__chinese(page: Any) -> None:
    log_in(page, CLERK)
    page.goto("/ledger/person/list/")
    icons = page.locator("a[rel=tooltip]")
    expect(icons.first).to_be_visible()
    # bootstrap's tooltip keeps the title in data-original-title once it is set up
    titles = [
        icons.nth(i).get_attribute("data-original-title") or icons.nth(i).get_attribute("title") or ""
        for i in range(min(icons.count(), 6))
    ]
    assert titles and all(CJK.search(title) for title in titles), titles
    icons.first.hover()
    expect(page.locator(".tooltip.in").first).to_contain_text(CJK)

    page.goto("/ledger/person/add")
    page.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").first.fill("没有这个机构zz")
    expect(page.locator(".select2-results__message")).to_have_text("未找到结果")


@pytest.mark.e2e
def test_record_page__no_version_number(page: Any) -> None:
    log_in(page, CLERK)
    page.goto("/ledger/person/list/")
    page.locator("a[href*='/ledger/person/show/']").first.click()
    expect(page.locator("table.ledger-detail")).to_be_visible()
    expect(page.locator("table.ledger-detail")).not_to_contain_text("版本")
