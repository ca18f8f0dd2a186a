"""What loads later, in a real browser: the list's org-unit filter fetches its options when the clerk opens
it, and a person's record fetches a related ledger's rows when its tab is opened."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.steps import log_in

CLERK = "renhe_jingban"  # 仁和镇经办 (the demo office's rows are in 仁和镇)
# a row in a ledger that refers to persons (the district clerk sees every one): table, tab, URL part
RELATED = (
    ("job_seeker", "JobSeekerView", "job_seeker"),
    ("followup", "FollowUpView", "followup"),
    ("hard_to_employ_case", "HardToEmployCaseView", "hard_to_employ"),
)
FIRST_ROW = "SELECT person_id FROM {table} WHERE voided_at IS NULL ORDER BY id LIMIT 1"


def related_row(database_url: str) -> tuple[int, str, str]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            for table, tab, ledger in RELATED:
                person_id = conn.execute(text(FIRST_ROW.format(table=table))).scalar()
                if person_id is not None:
                    return person_id, tab, ledger
    finally:
        engine.dispose()
    raise AssertionError("the demo has no row in a ledger referring to persons")


@pytest.mark.e2e
def test_org_filter__options_load_when_opened(page: Any) -> None:
    log_in(page, CLERK)
    page.goto("/ledger/person/list/")
    # the unit of the first person listed (the small demo leaves some communities without persons)
    name = page.locator('table.ledger-cards td[data-label="所属机构"]').first.inner_text().strip()
    page.locator("a.accordion-toggle").first.click()  # FAB's collapsed 搜索 panel
    page.locator("#filter_form .dropdown-toggle").click()
    page.locator("#filter_form a.filter[name=org]").click()
    select = page.locator("select.org-lazy")
    expect(select.locator("option")).to_have_count(1)  # only "—" until opened
    select.focus()
    expect(select.locator("option", has_text="仁和镇")).to_have_count(1)
    unit = select.locator("option", has_text=name).first
    select.select_option(unit.get_attribute("value"))
    with page.expect_navigation():
        page.locator("#filter_form button[type=submit], #filter_form .btn-primary").first.click()
    expect(page.locator("select.org-lazy option:checked")).to_contain_text(name)
    expect(page.locator("table.ledger-cards")).to_contain_text(name)


@pytest.mark.e2e
def test_record_page__related_tab_loads_when_opened(page: Any, live_server: Any) -> None:
    person_id, tab, ledger = related_row(live_server.database_url)
    log_in(page, "qu_jingban")
    page.goto(f"/ledger/person/show/{person_id}")
    pane = page.locator(f"#{tab}")
    expect(pane).to_contain_text("正在加载")
    page.locator(f'a[href="#{tab}"]').click()
    expect(pane.locator(f"a[href*='/ledger/{ledger}/show/']").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/ledger/person/show/"))
