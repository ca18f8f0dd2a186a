"""Issue 5 "done when" for 区级优惠政策 (SM-07), in a real browser: the district clerk enters an application
and ticks its materials (CK-34); it is reviewed 初审 (区级经办) → 复审 (审核) → 终审 (第三方) on the record's
page; the clerk ticks it on the list, makes the notice with 生成公示, publishes it and sees the masked name on
the printable notice; on a second server whose date is frozen after the notice week (TAIZHANG_TODAY) the
notice is closed, the case goes 区财政 → 批复 → 发放 → 归档, and the 区财政局 roster downloads unmasked."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from app import clock
from tests.e2e.conftest import LiveServer, serve_later
from tests.e2e.steps import fire_step, log_in, saved_record, state, submit, type_date
from tests.factories.person import id_for

CLERK, REVIEWER, THIRD_PARTY = "qu_jingban", "qu_shenhe", "disanfang"
APPLICANT = "司马浏览"  # no demo record has this name
MASKED = "司**览"
ID_NUMBER = id_for(date(1985, 3, 4), 11)  # 顺义县 (110222) was a valid region in 1985
NOTICE_TITLE = "2026年浏览器测试区级优惠政策公示"
DAYS_LATER = 8  # the notice week (7 days from publication) has passed


@pytest.fixture
def after_the_notice_week(live_server: LiveServer) -> Iterator[str]:
    with serve_later(live_server, DAYS_LATER) as url:
        yield url


def other_user(browser: Any, live_server: LiveServer, username: str) -> Any:
    """A page in a browser context of its own (its own cookies), logged in as `username`."""
    context = browser.new_context(
        locale="zh-CN", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    log_in(page, username)
    return page


def review(
    browser: Any, live_server: LiveServer, username: str, case_url: str, step: str, label: str
) -> None:
    page = other_user(browser, live_server, username)
    try:
        page.goto(case_url)
        fire_step(page, step, label)
        expect(page.locator(".alert-danger")).to_have_count(0)
    finally:
        page.context.close()


@pytest.mark.e2e
def test_district_clerk__subsidy_from_application_to_archive_with_notice_and_roster(
    page: Any, browser: Any, live_server: LiveServer, after_the_notice_week: str
) -> None:
    today = clock.today()
    log_in(page, CLERK)

    # the application, entered by the district clerk, with its materials (CK-34) received
    page.goto("/ledger/district_subsidy/add")
    page.select_option("#org", label="仁和镇")
    page.select_option("#subsidy_type", "D1")
    page.select_option("#applicant_kind", "2")  # 个人
    page.fill("#applicant_name", APPLICANT)
    page.fill("#id_number", ID_NUMBER)
    page.fill("#quantity", "2")
    type_date(page, "#applied_on", today)
    submit(page)
    saved_record(page, "district_subsidy")
    case_url = page.url
    state(page, "已提交")
    materials = page.locator("#materials")
    for box in materials.locator("input[type=checkbox][name^=received_]").all():
        box.check()
    with page.expect_navigation():
        materials.get_by_role("button", name="保存材料收取情况").click()

    # 初审 by the clerk, 复审 by the reviewer, 终审 by the third party: each on the record's page
    fire_step(page, "first_review", "初审（职业介绍服务中心）")
    state(page, "初审通过")
    review(browser, live_server, REVIEWER, case_url, "second_review", "复审（就业促进科）")
    review(browser, live_server, THIRD_PARTY, case_url, "final_review", "终审（第三方）")
    page.reload()
    state(page, "终审通过")

    # 生成公示 from the list: tick the case, give the title, land on the draft notice
    page.goto("/ledger/district_subsidy/list/")
    page.locator("tr", has_text=APPLICANT).locator("input.action_check").check()
    menu_item = page.locator(".notice_selected_menu_item")
    page.locator(".btn-group", has=menu_item).locator("button.dropdown-toggle").click()  # FAB's 操作 menu
    menu_item.click()
    expect(page.locator(".notice-batch-items")).to_contain_text(APPLICANT)
    page.fill("#notice-title", NOTICE_TITLE)
    with page.expect_navigation():
        page.get_by_role("button", name="生成公示草稿").click()
    expect(page).to_have_url(re.compile(r"/ledger/public_notice/show/\d+$"))
    expect(page.locator(".alert-success")).to_contain_text("已生成公示草稿")
    notice_url = page.url
    expect(page.locator("table.notice-entries")).to_contain_text(MASKED)
    state(page, "草稿")

    # published today; the printable notice shows the masked name and ID number, never the real ones
    fire_step(page, "publish", "发布公示")
    state(page, "公示中")
    page.locator(".ledger-actions a", has_text="打印").click()
    expect(page).to_have_url(re.compile(r"/ledger/public_notice/print/\d+$"))
    expect(page.locator("h1")).to_have_text(NOTICE_TITLE)
    row = page.locator("tr.notice-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(MASKED)
    expect(row).to_contain_text(ID_NUMBER[:4] + "*" * 10 + ID_NUMBER[-4:])
    expect(page.locator("body")).not_to_contain_text(APPLICANT)
    expect(page.locator("body")).not_to_contain_text(ID_NUMBER)

    # after the notice week, on the later server: the notice closes and the case goes on to 已归档
    later = after_the_notice_week
    page.goto("/logout/")
    log_in(page, CLERK, later)
    page.goto(later + notice_url.removeprefix(live_server.url))
    fire_step(page, "close", "结束公示")
    state(page, "公示结束")
    page.goto(later + case_url.removeprefix(live_server.url))
    fire_step(page, "send_to_finance", "汇总上报区财政局")
    state(page, "已上报区财政局")
    fire_step(page, "finance_approve", "收到区财政批复", comment="顺财批〔2026〕99号")
    fire_step(page, "pay", "通知并发放")
    fire_step(page, "archive", "材料归档")
    state(page, "已归档")

    # the roster for 区财政局, from the notice's page: the case unmasked (the clerk may see ID numbers)
    page.goto(later + notice_url.removeprefix(live_server.url))
    with page.expect_download() as download:
        page.locator(".ledger-actions a", has_text="报区财政局花名册").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = [row for row in sheet.iter_rows(min_row=6, values_only=True) if isinstance(row[0], int)]
    assert [(row[1], row[2]) for row in rows] == [(APPLICANT, ID_NUMBER)]
