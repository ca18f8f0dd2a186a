"""A bounded crawl of the pages a logged-in user reaches, and the English words each page shows.

`crawl(client)` starts at the home page and follows every same-site GET link (`<a href>`), each distinct URL
pattern once (digits in the path and the query's values do not make a new pattern), skipping downloads and
logout, up to `limit` pages. `english_words(html)` reads what a zh user sees of a page: its visible text and
the title / placeholder / aria-label / alt attributes (tooltips, empty inputs, screen readers)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from flask.testing import FlaskClient

# true proper nouns, file formats, standards and units; nothing that a translation could say in Chinese
# ("English": the language switcher names English as English writes it; QQ the messenger; XX the placeholder of
# a document's title to fill in, as the manual writes it)
ALLOWED = frozenset(
    {"excel", "id", "pdf", "api", "csv", "xlsx", "xlsm", "xls", "docx", "txt", "jpg", "png", "wps", "word"}
    | {"kb", "mb", "gb", "sms", "url", "utf", "english", "qq", "xx"}
    # the letters that name a reading of an ambiguous rule (读法 A / B / C, Appendix B) or an item of a list
    | {"a", "b", "c"}
)
# a run of letters, digits, underscores and hyphens: one with a digit is a code or a number (a credit code, an
# ID, a duty's code D-01, "2026"),
# data rather than words; the rest must be Chinese or ALLOWED
TOKEN = re.compile(r"[A-Za-z0-9_'-]+")
SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
# not pages: files, the session's end, the locale switch (the zh user stays in zh), JSON and static assets
SKIPPED = re.compile(
    r"/logout/|/lang/|/static/|/api/|/swagger|/export|/download|/template|/print|\.xlsx|\.docx|\.csv|/result"
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden_depth = 0
        self.stack: list[str] = []
        self.shown: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if self.hidden_depth == 0 or tag in ("html", "body"):
            self.shown.extend(values[name] for name in SHOWN_ATTRIBUTES if values.get(name))
            if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
                self.shown.append(values["value"])
        if tag in VOID_TAGS:
            return
        self.stack.append(tag)
        if tag in HIDDEN_TAGS:
            self.hidden_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack:
            opened = self.stack.pop()
            if opened in HIDDEN_TAGS:
                self.hidden_depth -= 1
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.hidden_depth == 0 and data.strip():
            self.shown.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def english_words(html: str, data: Iterable[str] = ()) -> list[str]:
    """The English words a zh user sees on the page, less ALLOWED and `data` (values users typed in, e.g.
    login names and e-mail addresses, which are records, not interface)."""
    texts = read(html).shown
    for value in sorted(data, key=len, reverse=True):
        texts = [text.replace(value, " ") for text in texts]
    found = []
    for text in texts:
        for token in TOKEN.findall(text):
            word = token.strip("'_-")
            if word and not any(c.isdigit() for c in word) and word.lower() not in ALLOWED:
                found.append(word)
    return found


# the requirement catalog's ids (a ledger LG-54, a checklist CK-34, a report RP-02, a workflow WF-03, a follow-up
# rule FU-04, a rule R-18, an ambiguity B-06, an entity E12) and the manual's line numbers (L825): how the
# developers cite a clause, never shown to a clerk (app.templating.manual_reference)
INTERNAL_KEY = re.compile(
    r"(?<![A-Za-z0-9-])(?:CATALOG|(?:LG|CK|RP|WF|FU|SM|R|B)-\d+|E\d{1,3}|L\d{3,4})(?![A-Za-z0-9])"
)


def internal_keys(html: str, data: Iterable[str] = ()) -> list[str]:
    """The catalog ids and manual line numbers in what a zh user sees of the page, less `data`."""
    texts = read(html).shown
    for value in sorted(data, key=len, reverse=True):
        texts = [text.replace(value, " ") for text in texts]
    return [key for text in texts for key in INTERNAL_KEY.findall(text)]


# a list's sorting and paging keys and its filters show the same page with other rows
SAME_PAGE_KEYS = re.compile(r"^(?:_oc_|_od_|page_|psize_)")


def pattern(url: str) -> str:
    """/ledger/person/show/12?_flt_0_x=5 → /ledger/person/show/#?_flt: one visit per kind of page."""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "#", parts.path)
    keys = {
        "_flt" if key.startswith("_flt_") else re.sub(r"\d+", "#", key)
        for key, _ in parse_qsl(parts.query, keep_blank_values=True)
        if not SAME_PAGE_KEYS.match(key)
    }
    return path + ("?" + "&".join(sorted(keys)) if keys else "")


@dataclass
class Page:
    url: str
    status: int
    html: str


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


def same_site_links(base: str, html: str) -> Iterator[str]:
    for href in read(html).links:
        if href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base, href.split("#", 1)[0])
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or SKIPPED.search(url):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: FlaskClient, start: str = "/", limit: int = 400, skip: tuple[str, ...] = ()) -> Crawl:
    """Breadth-first from `start`: the first URL of each pattern is fetched (redirects followed), HTML only;
    links starting with one of `skip` are not followed."""
    result = Crawl()
    queue = [start]
    result.seen.add(pattern(start))
    while queue and len(result.pages) < limit:
        url = queue.pop(0)
        response = client.get(url, follow_redirects=True)
        if not response.mimetype == "text/html":
            continue
        html = response.get_data(as_text=True)
        result.pages.append(Page(url, response.status_code, html))
        for link in same_site_links(f"http://localhost{url}", html):
            key = pattern(link)
            if key not in result.seen and not link.startswith(skip):
                result.seen.add(key)
                queue.append(link)
    return result
