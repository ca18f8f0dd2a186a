"""The zh catalog covers every msgid in the source tree.

Messages are extracted in-process with the same babel.cfg and keywords as
`pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _ ... app models views seed`, so a string added to
the code without a zh translation fails here. To fix a failure: re-run the extract, then
`pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching`, and translate the new
entries in translations/zh/LC_MESSAGES/messages.po.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("app", "models", "views", "seed")
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "_": None}
ZH_PO = ROOT / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]*(?:\d+)?(?:\.\d+)?[a-zA-Z]")


@cache
def extracted() -> dict[str, list[str]]:
    """msgid -> the places it is used (a plural message is keyed by its singular)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    found: dict[str, list[str]] = {}
    for dirname in SOURCE_DIRS:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / dirname, method_map, options_map, keywords=KEYWORDS
        ):
            msgid = message if isinstance(message, str) else message[0]
            if msgid:
                found.setdefault(msgid, []).append(f"{dirname}/{filename}:{lineno}")
    return found


@cache
def zh_catalog() -> Catalog:
    with open(ZH_PO, "rb") as po:
        return read_po(po, locale="zh")


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"  {msgid!r}  ({', '.join(where[:3])})" for msgid, where in sorted(problems.items()))


def test_extraction__finds_python_and_template_messages() -> None:
    places = [where for wheres in extracted().values() for where in wheres]
    assert any(".py:" in p for p in places), "no messages extracted from the Python sources"
    assert any(".html:" in p for p in places), "babel.cfg no longer extracts the Jinja templates"


def test_zh_catalog__every_msgid_translated() -> None:
    catalog = zh_catalog()
    missing: dict[str, list[str]] = {}
    for msgid, where in extracted().items():
        message = catalog.get(msgid)
        strings = (
            []
            if message is None
            else ([message.string] if isinstance(message.string, str) else list(message.string))
        )
        if message is None or message.fuzzy or not strings or not all(s.strip() for s in strings):
            missing[msgid] = where
    assert not missing, (
        f"{len(missing)} msgid(s) have no (non-fuzzy) zh translation in {ZH_PO.relative_to(ROOT)}:\n"
        + report(missing)
    )


def test_zh_catalog__placeholders_match_msgid() -> None:
    catalog = zh_catalog()
    wrong: dict[str, list[str]] = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = Counter(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if string and Counter(PLACEHOLDER.findall(string)) != wanted:
                wrong[ids[0]] = [f"msgstr {string!r}"]
    assert not wrong, "zh msgstr placeholders differ from the msgid's:\n" + report(wrong)
