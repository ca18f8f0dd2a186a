"""我的待办 and 超期督办 in a browser (issue 15 item 11): the clerk moves between groups and filters to the
overdue ones; the inspector urges 仁和镇 from the board, the town's clerk answers from 我的待办, and the board
shows the answer."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import fire_step, log_in, submit


@pytest.mark.e2e
def test_inbox__groups_and_overdue_filter(page: Any) -> None:
    log_in(page, "renhe_jingban")
    page.goto("/inbox/")
    tabs = page.locator(".inbox-groups a")
    expect(tabs.first).to_be_visible()
    second = tabs.nth(1)
    group = second.get_attribute("data-group")
    second.click()
    expect(page).to_have_url(re.compile(rf"kind={group}"))
    expect(page.locator(".inbox-groups li.active a")).to_have_attribute("data-group", group or "")
    page.check("#inbox-overdue")
    with page.expect_navigation():
        page.click("#inbox-filter")
    expect(page).to_have_url(re.compile(r"overdue=1"))
    rows = page.locator("table.inbox tbody tr")
    for i in range(rows.count()):  # only overdue items are listed
        expect(rows.nth(i)).to_have_class(re.compile(r"danger"))


@pytest.mark.e2e
def test_urge__inspector_sends_town_answers_board_shows_it(page: Any) -> None:
    log_in(page, "ducha")
    page.goto("/overdue/")
    page.locator("table.overdue-board tr:has-text('仁和镇') a.urge").first.click()
    expect(page.locator("[name=subject]")).to_have_value(re.compile("超期督办"))
    page.fill("[name=subject]", "浏览器督办：仁和镇超期事项")
    submit(page)
    expect(page).to_have_url(re.compile(r"/ledger/supervision_notice/show/\d+$"))
    page.context.clear_cookies()
    log_in(page, "renhe_jingban")
    page.goto("/inbox/?kind=supervision_notice")
    page.locator("table.inbox tr:has-text('浏览器督办：仁和镇超期事项') a").first.click()
    fire_step(page, "answer", "答复督办", reply="已全部办结，情况说明见附件。")
    page.context.clear_cookies()
    log_in(page, "ducha")
    page.goto("/overdue/")
    answered = page.locator("table.supervision-notices tr:has-text('浏览器督办：仁和镇超期事项')")
    expect(answered).to_contain_text("已答复")
    expect(answered).to_contain_text("已全部办结")
