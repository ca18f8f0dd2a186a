"""Declarative views. `register_all` imports every module here, so a new ledger view registers itself
(menus, REST API, permissions) without anyone editing create_app. A view shows the ledger of its model;
what the ledger does is its spec's (app/domain/), loaded before the views."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from flask_babel import lazy_gettext as _l

from app.ledger.registry import CHAPTERS, LEDGERS, VIEWS, RegistryError
from app.web.ledger_api import api_for
from app.workflow.api import workflow_api_for

LEDGER_MENU = _l("Ledgers")


def link_related_ledgers() -> None:
    """A record's page lists its rows in every ledger whose model refers to it (a person's page shows all
    their ledgers), so a ledger added later appears there without new code."""
    for view_class in VIEWS.values():
        target = view_class.datamodel.obj
        view_class.related_views = [
            other
            for other in VIEWS.values()
            if other is not view_class
            and any(rel.mapper.class_ is target for rel in other.datamodel.obj.__mapper__.relationships)
        ]


def register_all(appbuilder: Any) -> None:
    modules = [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)]
    unshown = set(LEDGERS) ^ set(VIEWS)
    if unshown:
        raise RegistryError(f"a ledger needs one spec (app/domain) and one view (views/): {sorted(unshown)}")
    link_related_ledgers()
    chapters = list(CHAPTERS)
    for name, view_class in sorted(
        VIEWS.items(), key=lambda entry: chapters.index(LEDGERS[entry[0]].chapter)
    ):
        model = view_class.datamodel.obj
        view_class.menu_chapter = CHAPTERS[
            LEDGERS[name].chapter
        ]  # its heading in the menu (navbar_menu.html)
        appbuilder.add_view(
            view_class,
            name,
            label=model.__ledger_label__,
            icon="fa-book",
            category="Ledgers",
            category_label=LEDGER_MENU,
        )
        appbuilder.add_api(api_for(view_class))
        if LEDGERS[name].workflow is not None:
            appbuilder.add_api(workflow_api_for(view_class))
    from app.web.quick_search import register_search
    from app.workflow.pages import register_pages
    from views.admin import register_admin
    from views.background import register_jobs
    from views.calendar import register_calendar

    register_pages(appbuilder)
    register_search(appbuilder)
    register_admin(appbuilder)
    register_calendar(appbuilder)
    for module in modules:  # a module with non-ledger views adds them itself
        if hasattr(module, "register_views"):
            module.register_views(appbuilder)
    register_jobs(appbuilder)
