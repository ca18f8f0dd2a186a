"""Issue 5 "done when" for 职业指导培训补贴 (SM-08, WF-53, WF-13; R-36..R-38; CK-09) in a real browser: the
town clerk of 仁和镇 records this quarter's guidance sessions of a person in the manual ledger (a session shorter than 2
hours refused), files the quarterly claim and can do none of the district's steps; the district clerk's
review is refused until the CK-09a materials are ticked, then draws the 10 % telephone sample (ceil, at least
one: 2 of 11) shown on the claim's page with whom to call; 完成电话抽查 is refused until every sampled
person's call is recorded; then the claim goes to the city (CK-09b), is approved, its accounts verified and
archived, the workflow record listing each step."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from app import clock
from app.rules.sampling import sample_size
from tests.e2e.steps import (
    NAMES,
    deadline,
    due,
    fire_step,
    log_in,
    option_value,
    refused,
    saved_record,
    state,
    submit,
    tick_all_materials,
    type_date,
)

TOWN_CLERK, DISTRICT_CLERK = "renhe_jingban", "qu_jingban"
SESSIONS = 11  # ceil(10 % × 11) = 2 sampled (R-36, B-07)
APPROVAL_REF = "京人社职字〔2026〕18号"
OUTCOMES = ("属实", "无法联系")  # seed/codes/guidance.py guidance_call_outcome
PHONE = "13800001234"  # the number the district calls


def quarter_of(day: date) -> tuple[str, date]:
    quarter = (day.month - 1) // 3 + 1
    last_month = quarter * 3
    end = date(day.year, last_month, 30 if last_month in (6, 9) else 31)
    return f"{day.year}Q{quarter}", end


def record_session(page: Any, held_on: date, minutes: str = "120") -> None:
    """One guidance session of the town's person (the demo data has one in 仁和镇), filled in by the person."""
    page.goto("/ledger/guidance_training/add")
    page.select_option("#org", option_value(page, "#org", "仁和镇"))
    page.select_option("#person", page.locator("#person option:not([value=''])").first.get_attribute("value"))
    type_date(page, "#held_on", held_on)
    page.fill("#minutes", minutes)
    page.fill("#topic", "求职技巧与面试礼仪")
    page.fill("#phone", PHONE)
    page.check("#self_filled")
    submit(page)


def record_call(page: Any, session: str, outcome: str) -> None:
    button = page.locator("#btn-step-record_call")
    expect(button).to_have_text("登记电话抽查结果")
    button.click()
    form = page.locator("#step-record_call")
    expect(form).to_have_class(re.compile(r"\bin\b"))
    form.locator("[name=session]").fill(session)
    form.locator("[name=outcome]").select_option(label=outcome)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


@pytest.mark.e2e
def test_town_and_district_clerks__guidance_claim_sampled_called_and_archived(
    page: Any, browser: Any
) -> None:
    today = clock.today()
    quarter, quarter_end = quarter_of(today)
    log_in(page, TOWN_CLERK)

    # the manual ledger: a session shorter than 2 hours is refused on its field; eleven of 2 hours or more
    quarter_start = date(quarter_end.year, quarter_end.month - 2, 1)
    record_session(page, today, minutes="90")
    expect(page.locator("td", has=page.locator("#minutes")).locator(".alert-danger")).to_contain_text(
        "指导时间不低于 2 小时"
    )
    for n in range(SESSIONS):  # a course of sessions this quarter, the latest today
        record_session(page, max(quarter_start, today - timedelta(days=n)))
        saved_record(page, "guidance_training")

    # the quarter's claim, filed by the town: due at the district before the 10th; no district step here
    page.goto("/ledger/guidance_claim/add")
    page.select_option("#org", option_value(page, "#org", "仁和镇"))
    page.fill("#quarter", quarter)
    type_date(page, "#submitted_on", today)
    submit(page)
    saved_record(page, "guidance_claim")
    claim_url = page.url
    state(page, "已报区职介中心")
    review_due = due("次季度首月10日", quarter_end)
    deadline(page, "区级审核（抽取电话抽查样本）", "次季度第一个月 10 日前", review_due)
    expect(page.locator("#btn-step-review")).to_have_count(0)
    expect(page.locator(".guidance-sample")).to_have_count(0)  # nothing drawn yet

    district = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    try:
        log_in(district, DISTRICT_CLERK, re.sub(r"/ledger/.*$", "", claim_url))
        district.goto(claim_url)

        # the review waits for the CK-09a materials, then draws the sample: ceil(10 %), at least one
        fire_step(district, "review", "区级审核（抽取电话抽查样本）")
        refused(district, "须材料齐全，尚缺")
        tick_all_materials(district)
        fire_step(district, "review", "区级审核（抽取电话抽查样本）", comment="申报花名册与台账一致")
        state(district, "区级已审核")
        sampled = sample_size(SESSIONS)
        assert sampled == 2
        sample = district.locator(".guidance-sample")
        expect(sample.locator(".panel-heading")).to_have_text(
            f"电话抽查：共 {SESSIONS} 条职业指导培训记录，抽取 {sampled} 条"
        )
        rows = sample.locator("tbody tr")
        expect(rows).to_have_count(sampled)
        expect(rows.filter(has_text="尚未登记")).to_have_count(sampled)
        expect(rows.first).to_contain_text(PHONE)  # whom to call
        calls = [str(rows.nth(n).get_attribute("data-session")) for n in range(sampled)]

        # 完成电话抽查 is refused while a sampled person has no call outcome
        finish = "完成电话抽查"
        fire_step(district, "finish_sampling", finish)
        refused(district, *(f"记录 {pk} 尚未登记电话抽查结果" for pk in calls))
        record_call(district, calls[0], OUTCOMES[0])
        state(district, "区级已审核")
        expect(rows.filter(has_text=OUTCOMES[0])).to_have_count(1)
        fire_step(district, "finish_sampling", finish)
        refused(district, f"记录 {calls[1]} 尚未登记电话抽查结果")
        expect(district.locator(".alert-danger")).not_to_contain_text(f"记录 {calls[0]} ")
        record_call(district, calls[1], OUTCOMES[1])
        expect(rows.filter(has_text="尚未登记")).to_have_count(0)
        fire_step(district, "finish_sampling", finish)
        state(district, "电话抽查已完成")

        # to the city with the CK-09b materials, approved, accounts verified at once, archived
        fire_step(district, "submit_to_city", "报市人力资源和社会保障局")
        refused(district, "须材料齐全，尚缺")
        tick_all_materials(district)
        fire_step(district, "submit_to_city", "报市人力资源和社会保障局")
        state(district, "已报市人力社保局")
        fire_step(district, "city_approve", "市局审批通过", comment=APPROVAL_REF)
        state(district, "市局已审批")
        deadline(district, "上传账户名册并核对", "即时", due("即时", today))
        fire_step(district, "verify_accounts", "上传账户名册并核对")
        state(district, "账户已核对")
        fire_step(district, "archive", "材料归档")
        state(district, "已归档")
        expect(district.locator(".workflow-steps")).to_have_count(0)

        district.locator("#workflow-tab").click()
        events = district.locator("table.workflow-events tbody tr")
        expect(events).to_have_count(2 + sampled + 5)  # created, review, the calls, 5 steps on
        expect(events.last).to_contain_text(NAMES[TOWN_CLERK])
        expect(events.filter(has_text="登记电话抽查结果")).to_have_count(sampled)
        expect(events.filter(has_text=NAMES[DISTRICT_CLERK])).to_have_count(1 + sampled + 5)
        expect(district.locator("table.workflow-events")).to_contain_text(APPROVAL_REF)
    finally:
        district.context.close()
