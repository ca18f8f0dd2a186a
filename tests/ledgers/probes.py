"""What LedgerCase probes, read from the app itself: every route of a ledger (from the URL map) filled in
for one record, and the values a re-shown form holds."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from flask import Flask

from app.ledger import registry

SKIPPED_METHODS = {"HEAD", "OPTIONS"}


def ledger_rules(app: Flask, ledger: str) -> list[Any]:
    """Every URL rule a ledger's view or API serves: the view's endpoints, its REST API and its workflow
    API (found by their routes, so a route added later is probed without new code)."""
    view = registry.VIEWS[ledger].__name__
    prefixes = (f"/ledger/{ledger}/", f"/api/v1/{ledger}/", f"/api/v1/workflow/{ledger}/")
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(f"{view}.") or rule.rule.startswith(prefixes)
    ]


def record_urls(app: Flask, ledger: str, pk: int) -> list[tuple[str, str]]:
    """(method, url) of every route of the ledger that names one record, for record `pk`; a route taking a
    name (an action, a workflow step) is probed with each name the ledger has."""
    workflow = registry.spec(ledger).workflow
    steps = [t.name for t in workflow.transitions] if workflow is not None else ["step"]
    action_names = sorted(view_actions(app, ledger))
    urls = []
    for rule in ledger_rules(app, ledger):
        if "pk" not in rule.arguments:
            continue
        names = action_names if rule.endpoint.endswith(".action") else steps
        for name in names if "name" in rule.arguments else [""]:
            values = {"pk": pk, "name": name, "number": 1, "index": 0, "fmt": "xlsx", "filename": "x"}
            path = rule.build({k: v for k, v in values.items() if k in rule.arguments}, append_unknown=False)[
                1
            ]
            urls += [(method.lower(), path) for method in sorted(rule.methods - SKIPPED_METHODS)]
    return urls


def view_actions(app: Flask, ledger: str) -> dict[str, Any]:
    """The bulk actions of the ledger's view (as the app registered it)."""
    view_class = registry.VIEWS[ledger]
    view = next(v for v in app.appbuilder.baseviews if type(v) is view_class)
    return dict(view.actions)


class FormValues(HTMLParser):
    """The values a rendered form holds: name → value of inputs, checked boxes, selected options and
    textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name") or ""
        if tag == "input" and a.get("type") not in ("checkbox", "radio", "submit", "file"):
            self.values[name] = a.get("value") or ""
        elif tag == "input" and "checked" in a:
            self.values[name] = a.get("value") or "y"
        elif tag == "select":
            self.select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self.select is not None and "selected" in a:
            self.values[self.select] = a.get("value") or ""
        elif tag == "textarea":
            self.textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            value = self.values[self.textarea]  # HTML drops the newline that opens a textarea
            self.values[self.textarea] = value[2:] if value.startswith("\r\n") else value.removeprefix("\n")
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.values[self.textarea] += data


def form_values(page: str) -> dict[str, str]:
    parser = FormValues()
    parser.feed(page)
    return parser.values


def bumped(value: Any, kind: type) -> Any:
    """A value of type `kind` that sorts after `value` (which may be None), None for a kind without order."""
    if kind is bool:
        return None
    if kind is date:
        return date(2026, 1, 1) if value is None else value + timedelta(days=1)
    if kind in (int, Decimal):
        return 1 if value is None else value + 1
    return f"{value or ''}乙" if kind is str else None
