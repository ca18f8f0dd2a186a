"""Template overrides that extend Flask-AppBuilder's originals: FAB's own templates stay reachable under
the "fab/" prefix, so app/templates/appbuilder/baselayout.html can extend "fab/appbuilder/baselayout.html"
instead of copying it."""

from __future__ import annotations

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader


def expose_fab_originals(app: Flask) -> None:
    fab = PrefixLoader({"fab": PackageLoader("flask_appbuilder", "templates")})
    app.jinja_loader = ChoiceLoader([app.jinja_loader, fab]) if app.jinja_loader else fab
