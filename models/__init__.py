"""SQLAlchemy models: the kernel tables (org units, code lists, change history) and one module per ledger
family. Importing this package imports every model, so Alembic and the ledger registry see them all."""

from models import (  # noqa: F401  (registers every table)
    assistance,
    audit,
    calendar,
    codes,
    district_subsidy,
    duty,
    employer,
    followup,
    guidance,
    job,
    loan,
    notice,
    org,
    person,
    policy,
    referral,
    seekers,
    si_subsidy,
    sms,
    user,
    vacancy,
    visit,
    welfare,
    workflow,
)
from models.base import Model

__all__ = ["Model"]
