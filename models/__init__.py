"""SQLAlchemy models: the kernel tables (org units, code lists, change history) and one module per ledger
family. Importing this package imports every model, so Alembic and the ledger registry see them all."""

from models import audit, codes, job, org, person, user  # noqa: F401  (registers every table)
from models.base import Model

__all__ = ["Model"]
