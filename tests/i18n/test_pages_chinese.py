"""What a zh user reads is Chinese: a crawl of the demo (300 persons) as each persona, from the home page and
its menus through every same-site link (each kind of page once, at most 400 pages), fails on any English word
in a page's visible text or its title / placeholder / aria-label / alt attributes (tests/i18n/crawl.py; only
proper nouns, file formats and units are allowed), on the requirement catalog's ids and the manual's line
numbers (CK-34, R-57, L825), on a moment in its stored form (UTC with seconds), and on any page that answers
5xx. The error pages and the
API's error messages are Chinese too, with the way back."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from app import db
from models.job_fair import JobFairParticipation
from models.user import LedgerUser
from tests.conftest import Personas, fresh_app
from tests.i18n.crawl import crawl, english_words, internal_keys, read

RAW_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}")
PERSONAS = ("admin", "qu_jingban", "qu_shenhe", "ducha", "renhe_jingban", "renhe_shequ")
# values people typed or a library is called, shown as data: login names and e-mail addresses (the user admin),
# a job fair's booth numbers (B-02, like a catalog id), the holiday data's source (a library's name), a
# standard's prefix in a code list's title
DATA = ("chinese-calendar", "GB/T")
# every page a persona reaches is crawled, the admin pages too: the role editor names each permission in words
# (查看 · 劳动力基础信息台账, app/security/role_view.py), the history browser reads a change as the record's own
# 变更历史 tab does, the user and group forms leave out FAB's role for anonymous visitors


@pytest.fixture(scope="module")
def demo(shared_app: Flask) -> Iterator[Flask]:
    with fresh_app(shared_app) as app:
        result = app.test_cli_runner().invoke(args=["seed-demo", "--persons", "300", "--seed", "7"])
        assert result.exit_code == 0, result.output
        yield app


def typed_values() -> set[str]:
    users = db.session.execute(select(LedgerUser)).scalars()
    booths = db.session.execute(
        select(JobFairParticipation.booth)
    ).scalars()  # B-02: the fair's own numbering
    return (
        {value for user in users for value in (user.username, user.email) if value} | set(booths) | set(DATA)
    )


@pytest.mark.slow
@pytest.mark.parametrize("username", PERSONAS)
def test_crawl__every_page_a_persona_reaches__shows_no_english(demo: Flask, username: str) -> None:
    client = Personas(demo.test_client()).login(username)
    pages = crawl(client, limit=400).pages
    data = typed_values()

    assert len(pages) > 20, [page.url for page in pages]  # the crawl got past the home page and its menus
    failed = [(page.url, page.status) for page in pages if page.status >= 500]
    assert not failed, failed
    english = {page.url: sorted(set(words)) for page in pages if (words := english_words(page.html, data))}
    assert not english, "\n".join(f"{url}: {words}" for url, words in english.items())
    keys = {page.url: sorted(set(found)) for page in pages if (found := internal_keys(page.html, data))}
    assert not keys, "\n".join(f"{url}: {found}" for url, found in keys.items())
    stored = {
        page.url: found[:3]
        for page in pages
        if (found := RAW_MOMENT.findall(" ".join(read(page.html).shown)))
    }
    assert not stored, (
        stored
    )  # a moment in its stored form (UTC, seconds): Beijing time to the minute is shown


def test_english_words__finds_text_and_tooltips_but_not_codes_or_scripts() -> None:
    html = (
        '<html><head><title>台账</title><script>var x = "Select a State";</script></head><body>'
        '<a href="/x" title="Show record"><span>查看</span></a><input placeholder="Search">'
        "<td>91110113MA01CK2B3X</td><p>导出 Excel</p><p>Remove all items</p></body></html>"
    )
    assert english_words(html) == ["Show", "record", "Search", "Remove", "all", "items"]
    assert internal_keys(html) == []
    cited = "<p>材料清单：CK-34 开业登记</p><p>依据 L825；CATALOG R-18</p><td>91110113MA01CK2B3X</td><td>D-01</td>"
    assert internal_keys(cited) == ["CK-34", "L825", "CATALOG", "R-18"]
    assert read(html).links == ["/x"]


def test_missing_record__chinese_page_with_the_way_back(demo: Flask) -> None:
    client = Personas(demo.test_client()).login("renhe_jingban")
    response = client.get(
        "/ledger/person/show/999999", headers={"Referer": "http://localhost/ledger/person/list/"}
    )
    html = response.get_data(as_text=True)

    assert response.status_code == 404
    assert (
        "页面不存在" in html
        and "返回上一页" in html
        and 'href="http://localhost/ledger/person/list/"' in html
    )
    assert not english_words(html)


def test_unknown_page_and_wrong_method__chinese(demo: Flask) -> None:
    client = Personas(demo.test_client()).login("renhe_shequ")
    assert "页面不存在" in client.get("/no/such/page").get_data(as_text=True)
    wrong = client.post("/ledger/person/show/1")
    assert wrong.status_code == 405 and "不允许的操作" in wrong.get_data(as_text=True)


def test_api_errors__same_shape_chinese_message(demo: Flask) -> None:
    client = Personas(demo.test_client()).login("renhe_jingban")
    missing = client.get("/api/v1/person/999999")
    assert missing.status_code == 404
    assert missing.get_json() == {"message": "未找到"}
    assert client.get("/api/no-such-api").get_json() == {
        "message": "该页面或记录不存在，或不在您的管辖范围内。"
    }
