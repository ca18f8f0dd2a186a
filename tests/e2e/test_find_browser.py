"""Data entry and finding things in a real browser. A town clerk registers two 张伟-like namesakes in two of
its communities (the add form asks which, nothing preselected), opens a job-seeker registration from the
second one's tab (that person preselected), searches the picker and picks the first by their community;
then finds a person with the navbar's quick search, filters the registry by the town (its communities' rows
listed) and removes the filter by its tag."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect
from stdnum.cn import ric

from tests.e2e.steps import log_in, saved_record, submit, type_date

CLERK = "renhe_jingban"  # 仁和镇经办
NAME = "浏览器伟"  # no demo name has these characters


def id_number(seq: int) -> str:
    body = f"11011320000101{seq:03d}"  # 顺义区, born 2000-01-01
    return body + ric.calc_check_digit(body + "0")


def add_person(page: Any, community_index: int, seq: int) -> tuple[int, str]:
    """Registers NAME in the town's n-th community; returns its id and the community's name."""
    page.goto("/ledger/person/add")
    org = page.locator("#org")
    expect(org.locator("option").first).to_have_text("请选择")
    expect(org).to_have_value("__None")  # nothing preselected
    expect(org.locator("option", has_text="仁和镇")).to_have_count(0)  # kept by a community, not the town
    unit = org.locator("option").nth(community_index)
    community = unit.inner_text().strip()
    org.select_option(unit.get_attribute("value"))
    page.fill("#name", NAME)
    page.fill("#id_number", id_number(seq))
    page.select_option("#hukou_type", "2")
    page.select_option("#employment_status", "21")
    submit(page)
    saved_record(page, "person")
    match = re.search(r"/show/(\d+)$", page.url)
    assert match
    return int(match.group(1)), community


@pytest.mark.e2e
def test_data_entry__prefill_blank_option_and_picker_search_picks_the_right_namesake(page: Any) -> None:
    log_in(page, CLERK)
    first, first_community = add_person(page, 1, 801)
    second, second_community = add_person(page, 2, 803)

    # "+" on the second person's 求职登记台账 tab opens the form with that person chosen
    page.goto(f"/ledger/person/show/{second}")
    page.locator("a[href='#JobSeekerView']").click()
    add = page.locator("#JobSeekerView a[href*='/ledger/job_seeker/add']").first
    with page.expect_navigation():
        add.click()
    expect(page.locator("#person")).to_have_value(str(second))
    expect(page.locator("#select2-person-container")).to_contain_text(second_community)
    expect(page.locator("#org option").first).to_have_text("请选择")
    expect(page.locator("#seeker_class option").first).to_have_text("请选择")
    expect(page.locator("#seeker_class")).to_have_value("")

    # the clerk searches the picker and tells the two apart by their community
    page.locator("#person + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill(NAME)
    results = page.locator(".select2-results__option", has_text=NAME)
    expect(results).to_have_count(2)
    results.filter(has_text=first_community).click()
    expect(page.locator("#person")).to_have_value(str(first))

    page.locator("#org").select_option(
        page.locator("#org option", has_text=first_community).get_attribute("value")
    )
    type_date(page, "#registered_on", date(2026, 11, 2))
    page.fill("#intended_occupation", "电工")
    page.select_option("#seeker_class", "1")
    submit(page)
    saved_record(page, "job_seeker")
    expect(page.locator("table.ledger-detail")).to_contain_text(NAME)
    expect(page.locator("table.ledger-detail")).to_contain_text(first_community)


@pytest.mark.e2e
def test_search__navbar_quick_search_org_subtree_filter_and_tags(page: Any) -> None:
    log_in(page, CLERK)
    person, _community = add_person(page, 3, 805)

    box = page.locator("#quick-search")
    box.fill(NAME[:2])
    with page.expect_navigation():
        box.press("Enter")
    found = page.locator(".quick-search-person", has_text=NAME)
    expect(found.first).to_be_visible()
    with page.expect_navigation():
        page.locator(f".quick-search-person a[href='/ledger/person/show/{person}']").click()
    expect(page.locator("table.ledger-detail")).to_contain_text(NAME)

    page.goto("/ledger/person/list/")
    expect(page.locator(".filter-tags")).to_have_count(0)
    town = page.evaluate("fetch('/ledger/person/org_choices').then(r => r.json())")
    town_id = next(unit["id"] for unit in town if unit["text"] == "仁和镇")
    page.goto(f"/ledger/person/list/?_flt_0_org={town_id}")
    tag = page.locator(".filter-tag")
    expect(tag).to_contain_text("仁和镇")
    expect(page.locator("table.table-bordered")).to_contain_text(NAME)  # kept by a community of the town
    with page.expect_navigation():
        tag.locator("a.filter-tag-remove").click()
    expect(page.locator(".filter-tags")).to_have_count(0)
