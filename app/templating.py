"""How values read on every page, once: Beijing time at the minute, people by their names, 是/否 and blank
for plain values; and template overrides that extend Flask-AppBuilder's originals (FAB's own templates stay
reachable under the "fab/" prefix, so app/templates/appbuilder/baselayout.html can extend
"fab/appbuilder/baselayout.html" instead of copying it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, has_app_context
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from sqlalchemy import select
from wtforms import DateTimeField
from wtforms.fields.core import UnboundField

from app.clock import CHINA


def expose_fab_originals(app: Flask) -> None:
    fab = PrefixLoader({"fab": PackageLoader("flask_appbuilder", "templates")})
    app.jinja_loader = ChoiceLoader([app.jinja_loader, fab]) if app.jinja_loader else fab


def beijing(moment: datetime | None) -> str:
    """A stored moment (UTC; naive means UTC) as Beijing reads it, to the minute: 2026-12-03 15:08."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def person_name(user: Any) -> str:
    """A user as people call them: family name then given name (姓 + 名), else the login name."""
    if user is None:
        return ""
    name = f"{user.last_name or ''}{user.first_name or ''}".strip()
    return name or str(user.username)


def user_name(username: str | None) -> str:
    """The name of the user with this login (history rows and workflow events keep the login), looked up once
    per request; a login no longer known reads as itself."""
    if not username:
        return ""
    if not has_app_context():
        return username
    names: dict[str, str] = g.setdefault("user_names", {})
    if username not in names:
        from app.ledger import session
        from models.user import LedgerUser

        user = (
            session().execute(select(LedgerUser).where(LedgerUser.username == username)).scalar_one_or_none()
        )
        names[username] = person_name(user) if user is not None else username
    return names[username]


# the manual's line numbers (L825, L811–817) and the requirement catalog's ids (CATALOG LG-54, B-04): how the
# developers cite a clause, not words a clerk reads; a parameter's key (si.medical.individual_fixed_reading)
INTERNAL_REFERENCE = re.compile(
    r"[a-z_]+(?:\.[a-z0-9_]+)+|（(?:CATALOG\s*)?[A-Z]{1,3}-\d+）|(?:CATALOG\s*)?\b(?:[A-Z]{1,3}-\d+(?:\.\.[A-Z]{0,3}-?\d+)?|L\d+(?:[–-]L?\d+)?)\b[，,、]?\s*"
)
TIERS_ONLY = {"", "区级", "街镇级", "社区级", "概述"}


def manual_reference(text: str | None) -> str:
    """Where a rule or checklist comes from, in words: the manual's chapter and section, without line numbers
    or catalog ids; a part that named only a tier and a line is dropped."""
    cleaned = INTERNAL_REFERENCE.sub("", text or "")
    parts = [re.sub(r"\s+", " ", part).strip(" ，,、：:") for part in re.split(r"[；;]", cleaned)]
    return "；".join(part for part in parts if part not in TIERS_ONLY)


def stored_text(text: str | None) -> str:
    """A text the system stored in English (a step's or a checklist item's name kept in a history comment,
    "msgid：the clerk's note") in the reader's language; a clerk's own text reads as it is."""
    if not text:
        return ""
    head, colon, tail = text.partition("：")
    return gettext(head) + colon + tail


def shown(value: Any) -> Any:
    """A plain value in a list or on a record page: 是/否 for booleans, nothing for None, Beijing time for a
    moment, several rows by their names (系统管理员、督查); anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_l("Yes") if value else _l("No"))
    if isinstance(value, datetime):
        return beijing(value)
    if isinstance(value, list | tuple | set):  # a relation's rows (a user's roles): names, not a Python list
        return "、".join(str(shown(item)) for item in value)
    return value


class ShownFormatters(dict[str, Callable[[Any], Any]]):
    """A view's formatters_columns whose missing entries fall back to `shown` (FAB's list and show widgets
    ask `formatters_columns.get(column)` for every column)."""

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key, default) or shown


def install(app: Flask, appbuilder: Any) -> None:
    """The filters every template uses, and `shown` behind every view's columns (FAB's own views too)."""
    app.jinja_env.filters["beijing"] = beijing
    app.jinja_env.filters["user_name"] = user_name
    app.jinja_env.filters["person_name"] = person_name
    app.jinja_env.filters["shown"] = shown
    app.jinja_env.filters["manual_reference"] = manual_reference
    app.jinja_env.filters["stored_text"] = stored_text
    app.jinja_env.globals["locale_is_zh"] = lambda: str(get_locale()) == "zh"
    for view in appbuilder.baseviews:
        if isinstance(getattr(view, "formatters_columns", None), dict):
            view.formatters_columns = ShownFormatters(view.formatters_columns)
        no_moment_prefilled(getattr(view, "search_form", None))


def no_moment_prefilled(form: Any) -> None:
    """A list's filter on a moment starts empty: FAB gives it the column's default, the stored form of "now"
    (UTC, with microseconds: 2026-12-03 07:08:09.123456), which no clerk would type."""
    for unbound in vars(form).values() if form is not None else ():
        if isinstance(unbound, UnboundField) and issubclass(unbound.field_class, DateTimeField):
            unbound.kwargs["default"] = None
