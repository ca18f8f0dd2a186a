"""Issue 6 "done when", in a real browser: the town clerk of 仁和镇 registers an employer and checks its
qualifications (CK-14), books a visit three days ahead and records it, registers the vacancy collected on the
visit from the visit's page and publishes it, registers a job seeker for a person of the town, matches the
seeker at the counter, refers them, prints the 推荐介绍信, and — on a second server over the same database
whose date is frozen 30 days later (TAIZHANG_TODAY) — sees the FU-01 follow-up due in 我的待办."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect
from stdnum.cn import uscc

from app import clock
from tests.e2e.conftest import LiveServer, serve_later
from tests.e2e.steps import fire_step, log_in, option_value, saved_record, submit, type_date

CLERK = "renhe_jingban"  # 街镇经办 of 仁和镇
EMPLOYER = "浏览器测试制衣有限公司"  # no demo employer has this name
POST = "浏览器测试缝纫工"  # the vacancy's occupation and the seeker's intention: they match on it
CREDIT_BODY = "91110113MA01TBXE0"  # 企业 (9, 1), 顺义区 110113, a 9-character organisation code
CREDIT_CODE = CREDIT_BODY + uscc.calc_check_digit(CREDIT_BODY)
FU01_DAYS = 30  # a counter match is followed up within 30 days


@pytest.fixture
def later_server(live_server: LiveServer) -> Iterator[str]:
    with serve_later(live_server, FU01_DAYS) as url:
        yield url


@pytest.mark.e2e
def test_town_clerk__employer_visit_vacancy_referral_letter_and_followup(
    page: Any, later_server: str
) -> None:
    assert uscc.is_valid(CREDIT_CODE)
    today = clock.today()
    log_in(page, CLERK)

    # 用人单位: added with its qualification check (CK-14) done today
    page.goto("/ledger/employer/add")
    page.select_option("#org", option_value(page, "#org", "仁和镇"))
    page.fill("#credit_code", CREDIT_CODE.lower())  # stored in upper case
    page.fill("#name", EMPLOYER)
    page.fill("#hr_contact", "李经理")
    page.fill("#hr_phone", "010-69440000")
    for item in ("#ck14_license", "#ck14_org_code", "#ck14_agent_letter"):
        page.check(item)
    type_date(page, "#ck14_checked_on", today)
    submit(page)
    saved_record(page, "employer")
    detail = page.locator("table.ledger-detail")
    expect(detail).to_contain_text(EMPLOYER)
    expect(detail).to_contain_text(CREDIT_CODE)

    # 走访: appointed by telephone today for a visit three days later
    page.goto("/ledger/employer_visit/add")
    page.select_option("#org", option_value(page, "#org", "仁和镇"))
    page.select_option("#employer", option_value(page, "#employer", EMPLOYER))
    type_date(page, "#appointed_on", today)
    type_date(page, "#planned_on", (today + timedelta(days=3)))
    page.fill("#visitors", "张三、李四")
    submit(page)
    saved_record(page, "employer_visit")
    expect(page.locator(".workflow-state")).to_have_text("已预约")

    # the visit is recorded
    fire_step(page, "complete", "完成走访", date=today.isoformat(), record="了解用工需求，采集缝纫工岗位")
    expect(page.locator(".workflow-state")).to_have_text("已完成")

    # the vacancy collected on the visit, registered from the visit's page (employer and visit filled in)
    link = page.locator("a.record-link", has_text="登记本次走访采集的岗位")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/ledger/vacancy/add"))
    expect(page.locator("#employer option:checked")).to_have_text(re.compile(EMPLOYER))
    page.select_option("#org", option_value(page, "#org", "仁和镇"))
    page.fill("#occupation", POST)
    page.fill("#headcount", "3")
    page.fill("#wage_min", "4500")
    page.fill("#wage_max", "6000")
    type_date(page, "#valid_from", today)
    type_date(page, "#valid_until", (today + timedelta(days=60)))
    submit(page)
    saved_record(page, "vacancy")
    vacancy_detail = page.locator("table.ledger-detail")
    expect(vacancy_detail).to_contain_text(EMPLOYER)
    expect(vacancy_detail).to_contain_text(POST)

    # published after review (the CK-14 check is done)
    fire_step(page, "publish", "审核发布")
    expect(page.locator(".alert-danger")).to_have_count(0)
    expect(page.locator(".workflow-state")).to_have_text("已发布")

    # 求职登记 for a person of the town
    # (the demo registered some persons already: one still registered is refused, with the reason, and the
    # clerk picks the next person offered)
    for index in range(10):
        page.goto("/ledger/job_seeker/add")
        page.select_option("#org", option_value(page, "#org", "仁和镇"))
        person_option = page.locator("#person option:not([value=''])").nth(index)
        person_name = (person_option.text_content() or "").strip().split()[0]
        page.select_option("#person", person_option.get_attribute("value"))
        type_date(page, "#registered_on", today)
        page.fill("#intended_occupation", POST)
        page.select_option("#seeker_class", "1")  # 一般求职人员
        submit(page)
        if "/job_seeker/show/" in page.url:
            break
        expect(page.locator("#model_form")).to_contain_text("请先结束或作废该登记")
    saved_record(page, "job_seeker")
    expect(page.locator("table.ledger-detail")).to_contain_text(person_name)

    # 人岗匹配 from the seeker's page: the vacancy is offered; ticked, matched at the counter, referred
    page.locator(".ledger-actions a", has_text="人岗匹配").click()
    expect(page).to_have_url(re.compile(r"/matching/seeker/\d+$"))
    row = page.locator("tr.match-row", has_text=EMPLOYER)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(POST)
    row.locator("input[name=vacancy_id]").check()
    page.check("#at_counter")
    with page.expect_navigation():
        page.get_by_role("button", name="推荐所勾选的岗位").click()
    expect(page.locator(".alert-success")).to_contain_text("已生成1条推荐记录")

    # the referral, and its printable 推荐介绍信 naming the person and the employer
    page.goto("/ledger/referral/list/")
    referral_row = page.locator("tr", has_text=person_name).filter(has_text=POST)
    expect(referral_row).to_have_count(1)
    referral_row.locator("a[href*='/ledger/referral/show/']").first.click()
    expect(page).to_have_url(re.compile(r"/ledger/referral/show/\d+$"))
    page.locator(".ledger-actions a", has_text="打印推荐介绍信").click()
    expect(page).to_have_url(re.compile(r"/ledger/referral/letter/\d+$"))
    expect(page.locator("h1")).to_have_text("推荐介绍信")
    expect(page.locator("body")).to_contain_text(f"{EMPLOYER}：")
    expect(page.locator("#letter-body")).to_contain_text(f"兹介绍{person_name}同志前往贵单位应聘{POST}岗位")

    # today the 30-day follow-up is not yet due: not in 我的待办
    page.goto("/inbox/")
    expect(page.locator(".panel-heading h4")).to_contain_text("我的待办")
    expect(page.locator("tr.inbox-followup", has_text=person_name)).to_have_count(0)

    # 30 days later it is due: the same clerk sees it in 我的待办 and opens it. The clerk logs out first:
    # browsers do not keep cookies apart by port, so the later server would see the session of this one.
    page.goto("/logout/")
    log_in_at(page, later_server)
    page.goto(f"{later_server}/inbox/?kind=followup")  # the 跟踪回访 tab
    expect(page.locator(".panel-heading h4")).to_contain_text("我的待办")
    # (the demo may have other follow-ups of this person due: this referral's is the one)
    due = page.locator("tr.inbox-followup", has_text=person_name).filter(
        has_text="跟踪回访：柜台推荐后30日内回访"
    )
    expect(due).to_have_count(1)
    expect(due).to_contain_text("仁和镇")
    due.locator("a", has_text="打开").click()
    expect(page).to_have_url(re.compile(r"/ledger/followup/show/\d+$"))
    expect(page.locator("table.ledger-detail")).to_contain_text(person_name)


def log_in_at(page: Any, url: str) -> None:
    log_in(page, CLERK, url)
