"""Issue 5 "done when" for the 个体工商户 guaranteed loan (SM-06, WF-55; R-23, R-24, R-27; B-12) in a real
browser, as the street/town clerk (街镇经办 of 仁和镇), who handles it from end to end: the application; the
district-only steps never offered; 实地核实 due 5 working days after; 材料齐备 refused while CK-08 is
incomplete, then the materials ticked; 审核 due 5 working days after; the opinion signed; 收到经办银行通知
refused until the materials are both reported to the district and sent to the guarantor (the two hand-offs
of B-12); 资金已到位; 开始每月贷后检查 refused until the first post-loan check is recorded, then due 7
working days after the funds; the loan file due 10 working days after; 按时还款, with the workflow record
and the history saying so."""

from __future__ import annotations

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

CLERK = (
    "renhe_jingban"  # 街镇经办: every step of an individual business's loan (seed/workflows/common.py LOAN)
)
BUSINESS = "浏览器测试个体便利店"  # no demo loan has this name
GUARANTOR = "北京市中小企业信用再担保有限公司"
BANK = "北京农商银行仁和支行"
DISTRICT_STEPS = ("complete_materials", "review", "disburse", "start_checks", "create_file", "certify")


def no_district_steps(page: Any) -> None:
    """The district versions of the steps (only_for district loans, 区级 tier) are never offered here."""
    expect(page.locator(".workflow-steps")).to_be_visible()
    for step in DISTRICT_STEPS:
        expect(page.locator(f"#btn-step-{step}")).to_have_count(0)


@pytest.mark.e2e
def test_town_clerk__individual_business_loan_from_application_to_repayment(page: Any) -> None:
    today = clock.today()
    log_in(page, CLERK)

    # the application: an individual business of 仁和镇, 50,000 yuan with 20,000 yuan invested (> 30 %)
    page.goto("/ledger/loan/add")
    page.select_option("#org", option_value(page, "#org", "仁和镇"))
    page.select_option("#loan_type", "3")  # 个体工商户（街镇）
    borrower = page.locator("#person option:not([value=''])").first
    borrower_name = (borrower.text_content() or "").strip().split()[0]  # the picker reads 姓名 身份证号 …
    page.select_option("#person", borrower.get_attribute("value"))
    page.fill("#enterprise_name", BUSINESS)
    page.select_option("#business", "00")  # 不属于以下类别
    type_date(page, "#applied_on", today)
    page.fill("#amount", "50000")
    page.fill("#investment", "20000")
    submit(page)
    saved_record(page, "loan")
    state(page, "已受理")
    expect(page.locator("table.ledger-detail")).to_contain_text(borrower_name)
    expect(page.locator("#materials .panel-heading")).to_contain_text("个体工商户小额担保贷款一次性告知材料")
    deadline(
        page,
        "实地核实（入户、社区（村）、经营场所调查）",
        "接到申请材料后 5 个工作日内",
        due("5个工作日", today),
    )
    no_district_steps(page)
    expect(page.locator("#btn-step-town_complete_materials")).to_have_count(0)  # not before the visits

    fire_step(
        page,
        "verify_on_site",
        "实地核实（入户、社区（村）、经营场所调查）",
        comment="入户、社区、经营场所均已调查",
    )
    state(page, "已实地核实")
    no_district_steps(page)

    # 材料齐备 while CK-08 items are missing: refused with what is missing; the materials are ticked
    fire_step(page, "town_complete_materials", "材料齐备")
    refused(page, "“材料齐备”须材料齐全，尚缺", "创业培训合格证书")
    expect(page.locator(".workflow-state")).to_have_text("已实地核实")
    tick_all_materials(page)
    fire_step(page, "town_complete_materials", "材料齐备")
    state(page, "材料齐备")
    deadline(page, "审核材料", "材料齐备后 5 个工作日内", due("5个工作日", today))
    no_district_steps(page)

    fire_step(page, "town_review", "审核材料", comment="原件与复印件一致")
    state(page, "已审核")
    opinion = "在《北京市自主创业小额担保贷款申请、推荐书》上签署意见"
    fire_step(page, "sign_opinion", opinion, comment="同意推荐")
    state(page, "已签署意见")

    # B-12: the bank's notice needs both hand-offs, each its own step with its own date
    fire_step(page, "bank_notified", "收到经办银行通知", bank=BANK)
    refused(page, "尚未上报区劳动服务管理中心", "尚未将资料送交担保机构")
    fire_step(page, "report_to_district", "上报区劳动服务管理中心")
    state(page, "已签署意见")  # a step that leaves the state as it is
    fire_step(page, "bank_notified", "收到经办银行通知", bank=BANK)
    refused(page, "尚未将资料送交担保机构")
    expect(page.locator(".alert-danger")).not_to_contain_text("区劳动服务管理中心")
    fire_step(page, "send_to_guarantor", "将资料送交区县签约的担保机构", guarantor=GUARANTOR)
    fire_step(page, "bank_notified", "收到经办银行通知", bank=BANK)
    state(page, "银行已通知街（镇）")
    detail = page.locator("table.ledger-detail")
    expect(detail).to_contain_text(GUARANTOR)
    expect(detail).to_contain_text(BANK)

    fire_step(page, "town_disburse", "资金已到位", term_months="24")
    state(page, "资金已到位")
    deadline(page, "开始每月贷后检查", "贷款资金到位后 7 个工作日内", due("7个工作日", today))
    no_district_steps(page)

    # the monthly checks cannot start before the first post-loan check is on record
    fire_step(page, "start_town_checks", "开始每月贷后检查")
    refused(page, "请先在贷后检查台账中登记首次贷后检查")
    record_first_post_loan_check(page, BUSINESS, today, "资金用于进货，经营正常")
    fire_step(page, "start_town_checks", "开始每月贷后检查")
    state(page, "贷后检查已开始")
    deadline(page, "建立贷款档案", "贷款发放后 10 个工作日内", due("10个工作日", today))

    fire_step(page, "town_create_file", "建立贷款档案")
    state(page, "已建档，贷后管理中")
    fire_step(page, "repaid_on_time", "按时还款")
    state(page, "按时还款")
    expect(page.locator("table.workflow-deadlines")).to_have_count(0)
    expect(page.locator(".workflow-steps")).to_have_count(0)  # a final state: no step left
    expect(page.locator("table.ledger-detail tr", has_text="还款状态")).to_contain_text("按时还款")

    # the workflow record lists every step by the clerk; the history the changes the steps made
    page.locator("#workflow-tab").click()
    events = page.locator("table.workflow-events tbody tr")
    expect(events).to_have_count(12)  # created + 11 steps
    expect(events.first).to_contain_text("按时还款")
    expect(events.last).to_contain_text("新增")
    expect(events.filter(has_text=NAMES[CLERK])).to_have_count(12)
    workflow_record = page.locator("table.workflow-events")
    expect(workflow_record).to_contain_text("入户、社区、经营场所均已调查")
    expect(workflow_record).to_contain_text(GUARANTOR)
    page.locator("#history-tab").click()
    history = page.locator("table.ledger-history")
    expect(history).to_be_visible()
    expect(history.locator("tbody tr", has_text="还款状态: 正常 → 按时还款")).to_have_count(1)
    expect(history.locator("tbody tr", has_text="办理状态: 已建档，贷后管理中 → 按时还款")).to_have_count(1)
    expect(history.locator("tbody tr", has_text="担保机构").filter(has_text=GUARANTOR)).to_have_count(1)
