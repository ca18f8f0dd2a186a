"""Issue 5 "done when" for 公益性岗位专项补贴 (SM-09, WF-11; R-42..R-53) in a real browser, on a server whose
date is frozen on the 10th of next month (TAIZHANG_TODAY): the district clerk (区级经办) puts a 协管员 on the
roster and, from the worker's page, has the month's pay calculated; the page shows the computed pay (the
seeded policy parameters: social average wage 4201, housing fund 155 each side); the clerk enters it in the
city system at once, downloads the month's 《顺义区公益性专项补贴审批表》 with the worker's line, cannot
sign nor disburse; 主管领导 (the 审核 role) signs by the 20th; the clerk disburses with the signed table."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from app import clock
from app.calendar.core import month_day
from app.dates import zh_date
from tests.e2e.conftest import LiveServer, serve_later
from tests.e2e.steps import (
    NAMES,
    deadline,
    fire_step,
    log_in,
    option_value,
    saved_record,
    state,
    submit,
    type_date,
)

CLERK, LEADER = "qu_jingban", "qu_shenhe"  # 区级经办; 审核 (主管领导 signs the approval table)
EMPLOYER = "临河村"  # the public-welfare employer: the first community of 仁和镇
# R-42..R-47 on the seeded parameters: wages 1500 + 200; unit: pension 1680.40 × 20 % = 336.08, medical
# 2520.60 × 10 % = 252.06, unemployment 1680.40 × 1 % = 16.80, maternity 2520.60 × 0.8 % = 20.16, housing
# fund 155; individual: 134.43 + (50.41 + 3) + 3.36 + 0 + 155; no welfare benefits (all 0.00 per month)
PAY = {
    "工资": "1700.00",
    "福利待遇": "0.00",
    "单位缴纳（保险及公积金）": "780.10",
    "个人缴纳（保险及公积金）": "346.20",
    "实发工资": "1353.80",
    "专项补贴金额": "2480.10",
}


def tenth_of_next_month(today: date) -> date:
    first = month_day(today.year, today.month, 28) + timedelta(days=4)
    return first.replace(day=10)


@pytest.fixture
def pay_day() -> date:
    return tenth_of_next_month(clock.today())


@pytest.fixture
def on_the_10th(live_server: LiveServer, pay_day: date) -> Iterator[str]:
    with serve_later(live_server, (pay_day - clock.today()).days) as url:
        yield url


def detail_fields(page: Any) -> dict[str, str]:
    """The record page's fields: label → value as shown."""
    rows = page.locator("table.ledger-detail tr")
    expect(rows.first).to_be_visible()
    return {
        row.locator("th").inner_text().strip(): row.locator("td").inner_text().strip() for row in rows.all()
    }


@pytest.mark.e2e
def test_district_clerk__month_of_welfare_post_pay_signed_by_the_leader_and_disbursed(
    page: Any, browser: Any, on_the_10th: str, pay_day: date
) -> None:
    server = on_the_10th
    log_in(page, CLERK, server)

    # the 协管员 on the roster since the first of last month: base wage 1500, floating wage 200
    hired = (pay_day.replace(day=1) - timedelta(days=1)).replace(day=1)
    page.goto(f"{server}/ledger/welfare_post_worker/add")
    page.select_option("#org", option_value(page, "#org", EMPLOYER))
    person = page.locator("#person option:not([value=''])").first
    worker_name = (person.text_content() or "").strip().split()[0]  # the picker reads 姓名 身份证号 …
    page.select_option("#person", person.get_attribute("value"))
    type_date(page, "#contract_start", hired)
    type_date(page, "#contract_end", hired.replace(year=hired.year + 1) - timedelta(days=1))
    type_date(page, "#start_date", hired)
    page.fill("#base_wage", "1500")
    page.fill("#floating_wage", "200")
    submit(page)
    saved_record(page, "welfare_post_worker")

    # this month's pay, calculated from the worker's page
    page.locator(".ledger-actions a.record-link", has_text="核定月度待遇").click()
    expect(page.locator("#worker option:checked")).to_contain_text(worker_name)  # 姓名 · 社区
    type_date(page, "#pay_month", pay_day)
    submit(page)
    saved_record(page, "welfare_payment")
    pay_url = page.url
    state(page, "待遇已核定")
    shown = detail_fields(page)
    assert shown["待遇月份"] == pay_day.replace(day=1).isoformat()
    assert {label: shown.get(label) for label in PAY} == PAY
    deadline(page, "录入北京市人力资源市场信息系统", "即时", zh_date(pay_day))

    # entered in the city system at once; the signature is due on the 20th; the clerk can neither sign
    # nor disburse
    fire_step(page, "enter", "录入北京市人力资源市场信息系统")
    state(page, "已录入系统")
    deadline(page, "主管领导审核签字", "每月 20 日", zh_date(pay_day.replace(day=20)))
    expect(page.locator("#btn-step-sign")).to_have_count(0)
    expect(page.locator("#btn-step-disburse")).to_have_count(0)

    # the month's approval table, with the worker's line and the signature line
    with page.expect_download() as download:
        page.locator(".ledger-actions a", has_text="本月审批表").click()
    assert download.value.suggested_filename.endswith(f"{pay_day:%Y-%m}.xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    cells = [row for row in sheet.iter_rows(values_only=True)]
    assert cells[0][0] == "顺义区公益性专项补贴审批表"
    lines = [row for row in cells[4:] if row[1] == EMPLOYER and row[2] == worker_name]
    amounts = [row[3:10] for row in lines]  # base, floating, welfare, unit, individual, net, subsidy
    assert amounts == [(1500, 200, 0, 780.1, 346.2, 1353.8, 2480.1)]
    assert any("主管领导审核签字" in str(cell) for row in cells for cell in row if cell)

    # 主管领导 signs the table on the record's page
    leader = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    try:
        log_in(leader, LEADER, server)
        leader.goto(pay_url)
        expect(leader.locator("#btn-step-enter")).to_have_count(0)
        fire_step(leader, "sign", "主管领导审核签字", comment="同意拨付")
        state(leader, "审批表已签字")
    finally:
        leader.context.close()

    # the clerk disburses with the signed table; the record lists the three steps and who did them
    page.reload()
    fire_step(page, "disburse", "随签字审批表拨付资金")
    state(page, "已拨付")
    expect(page.locator("table.workflow-deadlines")).to_have_count(0)
    page.locator("#workflow-tab").click()
    events = page.locator("table.workflow-events tbody tr")
    expect(events).to_have_count(4)  # created + 3 steps
    signed = events.filter(has_text="主管领导审核签字")
    expect(signed).to_contain_text(NAMES[LEADER])
    expect(signed).to_contain_text("同意拨付")
    expect(events.first).to_contain_text("已拨付")
    expect(events.first).to_contain_text(NAMES[CLERK])
