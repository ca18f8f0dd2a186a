"""The navbar menu, rendered once per permission set and language in each process.

FAB renders the menu on every page: about 50 `has_access` answers and as many translated labels, a fifth of a
list page's CPU. What it shows depends only on the permissions the user's roles grant (the set itself is the
cache key, so a role edited by an administrator yields a new key at once, in every process), the language and
the application root. A signed-out visitor's menu (the login page) is rendered each time."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, request
from flask_babel import get_locale
from jinja2 import pass_context
from markupsafe import Markup

from app.security.access import granted

TEMPLATE = "appbuilder/navbar_menu_items.html"
MOST = 256  # distinct (permissions, language) keys kept; past that the cache starts again


@pass_context
def cached_menu(context: Any) -> Markup:
    user = getattr(g, "user", None)
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return render(context)
    kept: dict[Any, Markup] = current_app.extensions.setdefault("menu_cache", {})
    key = (frozenset(granted(user)), str(get_locale()), request.script_root)
    if key not in kept:
        if len(kept) >= MOST:
            kept.clear()
        kept[key] = render(context)
    return kept[key]


def render(context: Any) -> Markup:
    return Markup(current_app.jinja_env.get_template(TEMPLATE).render(context.get_all()))
