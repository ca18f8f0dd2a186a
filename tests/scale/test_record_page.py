"""A record's page loads its rows in other ledgers one tab at a time: the page itself queries none of them."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from tests.factories.assistance import report_case
from tests.scale.test_statement_counts import recorded


def test_record_page__related_tabs_load_when_opened(app: Flask, login: Any, today: Any) -> None:
    case = report_case(app)
    client = login("renhe_jingban")
    url = f"/ledger/person/show/{case.person_id}"
    client.get(url)
    with recorded() as sent:
        page = client.get(url).get_data(as_text=True)
    assert len(sent) <= 8 and not [s for s in sent if "hard_to_employ_case.person_id" in s]
    tab = re.search(r'id="HardToEmployCaseView"[^>]*data-url="([^"]+)"', page)
    assert tab is not None
    rows = client.get(tab.group(1), headers={"X-Requested-With": "XMLHttpRequest"}).get_data(as_text=True)
    assert f"/ledger/hard_to_employ/show/{case.id}" in rows
    followed = client.get(tab.group(1))  # a paging link of the tab opens the record page on that tab
    assert followed.status_code == 302 and followed.headers["Location"].endswith("#HardToEmployCaseView")
    assert login("houshayu_jingban").get(tab.group(1)).status_code == 404  # another town's record
