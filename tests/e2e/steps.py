"""What the browser tests do and check on the app's pages, as a clerk would: log in, fill and save a form,
type a date, fire a workflow step, tick the materials, record the first post-loan check; the state, the
open deadline and a refusal as the record's page shows them."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from playwright.sync_api import expect

from app.calendar.core import WorkingCalendar
from app.dates import zh_date
from seed.demo.person import DEMO_PASSWORD, DEMO_USERS


def log_in(page: Any, username: str, server: str = "") -> None:
    """Logs in through the form (on the page's own server, or on `server`)."""
    page.goto(f"{server}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form [type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def submit(page: Any) -> None:
    with page.expect_navigation():
        page.click("#model_form button[type=submit]")


def saved_record(page: Any, ledger: str) -> None:
    """After 保存 the clerk lands on the new record's page."""
    expect(page).to_have_url(re.compile(rf"/ledger/{ledger}/show/\d+$"))
    expect(page.locator(".alert-success")).to_contain_text("已保存")


def type_date(page: Any, field: str, day: date) -> None:
    """Types a date as the clerk does: FAB's datepicker keeps what is typed key by key (a value set without
    key events, as `fill` does, is reset by the picker when the field loses focus)."""
    box = page.locator(field)
    box.click()
    box.press("Control+A")
    box.press_sequentially(day.isoformat())
    box.press("Escape")
    expect(box).to_have_value(day.isoformat())


def option_value(page: Any, select: str, text: str) -> str:
    value = page.locator(f"{select} option", has_text=text).first.get_attribute("value")
    assert value, f"no option {text!r} in {select}"
    return str(value)


def fire_step(page: Any, step: str, label: str, **inputs: str) -> None:
    """Opens a workflow step's form on the record page, fills its inputs and confirms."""
    button = page.locator(f"#btn-step-{step}")
    expect(button).to_have_text(label)
    button.click()
    form = page.locator(f"#step-{step}")
    # Bootstrap's collapse slides the form open; it gets the class `in` once fully open. A click while it is
    # still sliding may be lost (the button moves between mouse down and up), so wait for it.
    expect(form).to_have_class(re.compile(r"\bin\b"))
    for name, value in inputs.items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def due(spec: str, start: date) -> str:
    """The deadline as the page shows it, on chinese-calendar's working days (what `flask seed` loads)."""
    return zh_date(WorkingCalendar.from_chinese_calendar().due(spec, start).date)


def state(page: Any, label: str) -> None:
    expect(page.locator(".alert-danger")).to_have_count(0)
    expect(page.locator(".workflow-state")).to_have_text(label)


def deadline(page: Any, step: str, limit: str, due_on: str, only: bool = True) -> None:
    """An open deadline on the record's page (the only one, unless `only` is False), not overdue: its step,
    its time limit and its date."""
    rows = page.locator("table.workflow-deadlines tbody tr")
    if only:
        expect(rows).to_have_count(1)
    row = rows.filter(has_text=step)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text(step)
    expect(row.locator("td").nth(1)).to_have_text(limit)
    expect(row.locator("td").nth(3)).to_have_text(re.compile(rf"^{due_on}(\s|$)"))  # 日历未确认 may follow
    expect(row.locator(".label-danger")).to_have_count(0)  # not overdue


def refused(page: Any, *reasons: str) -> None:
    """A step refused: the reasons shown in Chinese."""
    alert = page.locator(".alert-danger")
    expect(alert).to_have_count(1)
    for reason in reasons:
        expect(alert).to_contain_text(reason)


def tick_all_materials(page: Any) -> None:
    """Every item received, every copy sealed (R-22), saved."""
    materials = page.locator("#materials")
    for box in materials.locator("input[type=checkbox]").all():
        box.check()
    with page.expect_navigation():
        materials.get_by_role("button", name="保存材料收取情况").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(materials.locator("tbody tr.danger")).to_have_count(0)


def record_first_post_loan_check(page: Any, enterprise: str, day: date, findings: str) -> None:
    """From the loan's page: 登记贷后检查 opens the check's form with the loan chosen; an on-site check of the
    three CK-07 points, saved; back on the loan's page."""
    loan_url = page.url
    page.locator(".ledger-actions a.record-link", has_text="登记贷后检查").click()
    expect(page).to_have_url(re.compile(r"/ledger/post_loan_check/add"))
    expect(page.locator("#loan option:checked")).to_contain_text(enterprise)
    type_date(page, "#checked_on", day)
    page.select_option("#method", option_value(page, "#method", "现场核检"))
    for item in ("#on_site", "#funds_use", "#operations"):
        page.check(item)
    page.fill("#findings", findings)
    submit(page)
    saved_record(page, "post_loan_check")
    page.goto(loan_url)


# who did a step, as the pages show it: the person's name, not the login (seed/demo/person.py DEMO_USERS)
NAMES = {username: full_name for username, _role, _org, full_name in DEMO_USERS}
