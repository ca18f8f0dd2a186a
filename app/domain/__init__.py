"""The ledger families: one module (or small package) per family, holding the `Ledger` spec of each of its
ledgers (app/ledger/registry.py) with the checks, derived values, preconditions and hooks that need the
database, and the family's pages' queries. `load` imports every module here, found automatically, before
the views: every rule exists on every write path (form, API, import, command line, background task),
whether a view was imported or not. The kernel never imports this package; only create_app does."""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask

from app.ledger import registry


def load(app: Flask) -> None:
    """Import every family module (each registers its specs), add a module's `cli` command group, and
    stop start-up if a spec names a precondition or condition that resolves nowhere."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        group = getattr(module, "cli", None)
        if group is not None:
            app.cli.add_command(group)
    registry.verify()
