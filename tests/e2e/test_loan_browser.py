"""Issue 5 "done when" for 小额担保贷款 (SM-04, WF-09; R-23, R-24, R-27, R-28) in a real browser, as the
district clerk (区级经办, the role of every SM-04 step): the application of a small enterprise founded by an
unemployed person; 材料齐备 refused while CK-01 is incomplete, then the materials ticked on the record's page;
审核 due 5 working days after; 资金到位; 开始贷后检查 refused until the first post-loan check is recorded (from
the loan's page), then due 7 working days after the funds; 建立贷款档案; 按时还款 (the repayment status
changes, the history says so); then the interest subsidy (R-28, CK-03) from the loan's page: its
quarterly interest added up, refused without the materials, reviewed, sent to 区财政 and approved."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from app import clock
from tests.e2e.steps import (
    NAMES,
    deadline,
    due,
    fire_step,
    log_in,
    option_value,
    record_first_post_loan_check,
    refused,
    saved_record,
    state,
    submit,
    tick_all_materials,
    type_date,
)

CLERK = "qu_jingban"  # 区级经办: every step of a small-enterprise loan (seed/workflows/common.py LOAN)
ENTERPRISE = "浏览器测试创业小企业"  # no demo loan has this name
APPROVAL_REF = "顺财贴〔2026〕88号"


@pytest.mark.e2e
def test_district_clerk__small_enterprise_loan_from_application_to_interest_subsidy(page: Any) -> None:
    today = clock.today()
    log_in(page, CLERK)

    # the application: a small enterprise founded by a person of 仁和镇, 200,000 yuan with 30 % own funds
    page.goto("/ledger/loan/add")
    page.select_option("#org", option_value(page, "#org", "仁和镇"))
    page.select_option("#loan_type", "1")  # 自主、合伙创办小企业（区）
    borrower = page.locator("#person option:not([value=''])").first
    borrower_name = (borrower.text_content() or "").strip().split()[0]  # the picker reads 姓名 身份证号 …
    page.select_option("#person", borrower.get_attribute("value"))
    page.fill("#enterprise_name", ENTERPRISE)
    page.select_option("#business", "00")  # 不属于以下类别
    type_date(page, "#applied_on", today)
    page.fill("#amount", "200000")
    page.fill("#own_funds", "60000")
    submit(page)
    saved_record(page, "loan")
    state(page, "已受理")
    expect(page.locator("table.ledger-detail")).to_contain_text(borrower_name)
    heading = page.locator("#materials .panel-heading")
    expect(heading).to_contain_text("自主、合伙创办小企业小额担保贷款申请材料")  # the checklist by its title
    expect(heading).not_to_contain_text("CK-01")  # not by the catalog's key

    # 材料齐备 while items are missing: refused with what is missing, then the materials are ticked
    fire_step(page, "complete_materials", "材料齐备")
    refused(page, "“材料齐备”须材料齐全，尚缺", "企业章程")
    expect(page.locator(".workflow-state")).to_have_text("已受理")
    tick_all_materials(page)
    fire_step(page, "complete_materials", "材料齐备")
    state(page, "材料齐备")
    deadline(page, "审核材料", "材料齐备后 5 个工作日内", due("5个工作日", today))

    fire_step(page, "review", "审核材料", comment="复印件均已加盖企业公章")
    state(page, "已审核")
    fire_step(page, "disburse", "资金已到位", term_months="24")
    state(page, "资金已到位")
    deadline(page, "开始贷后检查", "贷款资金到位后 7 个工作日内", due("7个工作日", today))

    # the checks cannot start before the first post-loan check is on record
    fire_step(page, "start_checks", "开始贷后检查")
    refused(page, "请先在贷后检查台账中登记首次贷后检查")
    record_first_post_loan_check(page, ENTERPRISE, today, "资金用于购置设备，经营正常")
    fire_step(page, "start_checks", "开始贷后检查")
    state(page, "贷后检查已开始")
    deadline(page, "建立贷款档案", "贷款发放后 10 个工作日内", due("10个工作日", today))

    fire_step(page, "create_file", "建立贷款档案")
    state(page, "已建档，贷后管理中")
    fire_step(page, "repaid_on_time", "按时还款")
    state(page, "按时还款")
    expect(page.locator("table.workflow-deadlines")).to_have_count(0)
    expect(page.locator(".workflow-steps")).to_have_count(0)  # a final state: no step left
    detail = page.locator("table.ledger-detail")
    expect(detail.locator("tr", has_text="还款状态")).to_contain_text("按时还款")

    # the workflow record lists every step, the history the repayment status change, both by the clerk
    page.locator("#workflow-tab").click()
    events = page.locator("table.workflow-events tbody tr")
    expect(events).to_have_count(7)  # created + 6 steps
    expect(events.first).to_contain_text("按时还款")
    expect(events.last).to_contain_text("新增")
    expect(page.locator("table.workflow-events")).to_contain_text("复印件均已加盖企业公章")
    page.locator("#history-tab").click()
    history = page.locator("table.ledger-history")
    expect(history).to_be_visible()
    repaid = history.locator("tbody tr", has_text="还款状态: 正常 → 按时还款")  # set by the step
    expect(repaid).to_have_count(1)
    expect(repaid).to_contain_text(NAMES[CLERK])
    expect(history.locator("tbody tr", has_text="办理状态: 已建档，贷后管理中 → 按时还款")).to_have_count(1)
    charter = history.locator(
        "tbody tr", has_text="自主、合伙创办小企业小额担保贷款申请材料 第 7 项：企业章程"
    )  # ticked on the materials panel
    expect(charter).to_have_count(1)
    expect(charter).to_contain_text(re.compile(r"已收取:\s*→ 是"))

    # 贴息: applied from the loan's page with the interest paid each quarter (CK-03 item 7)
    page.locator("a[href='#Home']").click()  # back to the 详情 tab
    page.locator(".ledger-actions a.record-link", has_text="申请贷款贴息").click()
    expect(page).to_have_url(re.compile(r"/ledger/interest_subsidy/add"))
    expect(page.locator("#loan option:checked")).to_contain_text(ENTERPRISE)
    type_date(page, "#applied_on", today)
    page.fill("#quarterly_interest", "2026Q3 1500.25\n2026Q4：1499.75")
    submit(page)
    saved_record(page, "interest_subsidy")
    state(page, "已提交")
    expect(page.locator("table.ledger-detail tr", has_text="利息合计")).to_contain_text("3000.00")

    fire_step(page, "review", "审核贴息材料")
    refused(page, "须材料齐全，尚缺", "利息清单")
    tick_all_materials(page)
    fire_step(page, "review", "审核贴息材料")
    state(page, "已审核")
    fire_step(page, "send_to_finance", "汇总上报区财政局")
    state(page, "已上报区财政局")
    fire_step(page, "finance_approve", "收到区财政批复", approval_ref=APPROVAL_REF)
    state(page, "区财政已批复")
    detail = page.locator("table.ledger-detail")
    expect(detail).to_contain_text(APPROVAL_REF)
    expect(detail.locator("tr", has_text="区财政批复日期")).to_contain_text(today.isoformat())
