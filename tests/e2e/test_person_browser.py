"""The labour-force registry in a real browser: a community clerk registers a person, sees the ID-number
error on the field without losing what was typed, corrects it, saves, and finds the change in the history."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import expect
from stdnum.cn import ric

from tests.e2e.steps import NAMES, log_in, submit

ROOT = Path(__file__).resolve().parents[2]
ZH_CATALOG = ROOT / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
CHECK_DIGIT_MSGID = "ID number check digit is wrong; please check each digit"  # models/identity.py

CLERK = "renhe_shequ"  # 社区专干 of 临河村 (仁和镇)
PERSON_NAME = "浏览器测试员"  # no demo name has these characters (seed/demo.py SURNAMES/GIVEN)
ID_BODY = "11022219850101123"  # 顺义县 (valid for a 1985 birth), 1985-01-01, sequence 123 (male)
VALID_ID = ID_BODY + ric.calc_check_digit(ID_BODY + "0")
WRONG_ID = ID_BODY + ("0" if VALID_ID[-1] != "0" else "1")  # same digits, wrong check digit
HUKOU_RURAL = "2"  # 户口性质 农村
STATUS_UNEMPLOYED = "21"  # 就业状况 登记失业


def zh_message(msgid: str) -> str:
    """The Chinese text the clerk must see, as the zh catalog says it."""
    if not ZH_CATALOG.exists():
        pytest.fail(f"no zh catalog at {ZH_CATALOG}: the clerk would see English", pytrace=False)
    with ZH_CATALOG.open("rb") as po:
        message = read_po(po).get(msgid)
    if message is None or not message.string or message.fuzzy:
        pytest.fail(f"the zh catalog has no translation for {msgid!r}", pytrace=False)
    return str(message.string)


def field_error(page: Any, field_id: str) -> Any:
    """FAB renders a field's errors as an alert in the same table cell as the input."""
    return page.locator("td", has=page.locator(f"#{field_id}")).locator(".alert-danger")


@pytest.mark.e2e
def test_register_person__community_clerk_sees_error_then_saves_and_history(page: Any) -> None:
    check_digit_message = zh_message(CHECK_DIGIT_MSGID)
    assert ric.is_valid(VALID_ID) and not ric.is_valid(WRONG_ID)

    log_in(page, CLERK)

    # the clerk opens the registry and its add form
    page.goto("/ledger/person/list/")
    page.locator("a[href$='/ledger/person/add']").first.click()
    expect(page).to_have_url(re.compile(r"/ledger/person/add"))
    expect(page.locator("#org")).to_have_value(re.compile(r"\d+"))  # their one community, preselected
    expect(page.locator("#model_form")).to_contain_text("临河村")

    # a typo in the ID number
    page.fill("#name", PERSON_NAME)
    page.fill("#id_number", WRONG_ID)
    page.select_option("#hukou_type", HUKOU_RURAL)
    page.select_option("#employment_status", STATUS_UNEMPLOYED)
    submit(page)

    # the error is on the ID field, in Chinese, and nothing typed is lost
    expect(page).to_have_url(re.compile(r"/ledger/person/add"))
    error = field_error(page, "id_number")
    expect(error).to_be_visible()
    expect(error).to_contain_text(check_digit_message)
    expect(error).to_contain_text("校验")
    expect(error).not_to_contain_text(CHECK_DIGIT_MSGID)
    expect(page.locator("#name")).to_have_value(PERSON_NAME)
    expect(page.locator("#id_number")).to_have_value(WRONG_ID)
    expect(page.locator("#hukou_type")).to_have_value(HUKOU_RURAL)
    expect(page.locator("#employment_status")).to_have_value(STATUS_UNEMPLOYED)
    expect(field_error(page, "name")).to_have_count(0)

    # corrected and saved: back on the registry list, with the person on it
    page.fill("#id_number", VALID_ID)
    submit(page)
    landed = "after 保存 the clerk is back on the registry list (or on the new record)"
    expect(page, landed).to_have_url(re.compile(r"/ledger/person/(list/?(\?.*)?|show/\d+)$"))
    expect(page.locator(".alert-success")).to_contain_text("已保存")

    if "/show/" not in page.url:
        row = page.locator("tr", has=page.locator("td", has_text=re.compile(f"^{PERSON_NAME}$")))
        expect(row).to_have_count(1)
        row.locator("a[href*='/ledger/person/show/']").click()
    expect(page).to_have_url(re.compile(r"/ledger/person/show/\d+$"))
    detail = page.locator("table.ledger-detail")
    expect(detail).to_contain_text(PERSON_NAME)
    expect(detail).to_contain_text("临河村")
    expect(detail).to_contain_text("1985-01-01")  # birth date derived from the ID number

    # the history tab lists the creation, by the clerk
    history_tab = page.locator("#history-tab")
    expect(history_tab).to_have_text("变更历史")
    history = page.locator("table.ledger-history")
    expect(history).to_be_hidden()
    history_tab.click()
    expect(history).to_be_visible()
    clerk_rows = history.locator("tbody tr", has=page.locator("td", has_text=re.compile(f"^{NAMES[CLERK]}$")))
    expect(clerk_rows).to_have_count(1)  # the refused first submit left no trace
    expect(history.locator("tbody tr")).to_have_count(1)
    expect(clerk_rows).to_contain_text(PERSON_NAME)
