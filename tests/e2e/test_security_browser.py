"""Security headers and CSRF in a real browser (issue 14 items 7 and 10): FAB's pages and ours run under the
Content-Security-Policy without a single violation (scripts run: select2 and the date pickers come up), and
a form whose CSRF token was removed is refused with the Chinese page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import log_in

CLERK = "renhe_jingban"  # 街镇经办 of 仁和镇
PAGES = [
    "/",
    "/ledger/person/list/",
    "/ledger/person/add",
    "/ledger/district_subsidy/list/",
    "/inbox/",
    "/resetmypassword/form",
]


def watch_csp(page: Any) -> list[str]:
    """Every CSP violation the browser reports on the page: console errors and securitypolicyviolation."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations


@pytest.mark.e2e
def test_csp__no_violation_on_the_clerk_pages(page: Any) -> None:
    violations = watch_csp(page)
    log_in(page, CLERK)
    for url in PAGES:
        response = page.goto(url)
        assert response is not None and response.ok, url
        assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.goto("/ledger/person/list/")
    page.locator("a[href*='/ledger/person/show/']").first.click()
    page.wait_for_load_state("networkidle")
    page.goto("/ledger/person/add")
    expect(page.locator(".select2-container").first).to_be_visible()  # FAB's nonce'd scripts ran
    assert violations == []


@pytest.mark.e2e
def test_csrf__form_without_its_token_refused(page: Any) -> None:
    log_in(page, CLERK)
    page.goto("/ledger/person/list/")
    page.locator("a[href*='/ledger/person/show/']").first.click()
    record = page.url.rstrip("/").rsplit("/", 1)[-1]
    page.goto(f"/ledger/person/delete/{record}")
    page.fill("#reason", "跨站伪造测试")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(i => i.remove())")
    with page.expect_navigation():
        page.click("#void-form [type=submit]")
    expect(page.locator("#error-message")).to_contain_text("请重新加载页面")
    shown = page.goto(f"/ledger/person/show/{record}")
    assert shown is not None and shown.ok  # not voided: a voided record is gone from the clerk's pages
