"""SQLAlchemy models: the kernel tables (org units, code lists, change history) and one module per ledger
family. Importing this package imports every module of it, found automatically, so Alembic and the ledger
registry see every table."""

import importlib
import pkgutil

from models.base import Model

MODULES = tuple(importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__))

__all__ = ["Model"]
