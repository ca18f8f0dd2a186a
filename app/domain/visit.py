"""R-62 on every write path (the spec's `checks`): a visit is appointed by telephone at least 3 days
ahead and cannot come before its appointment, checked against the stored dates when a write (an API call,
an import row, a step's inputs) changes only one of them. The briefing the working day before is the
visit workflow's deadline, which moves with the planned date (app.workflow.commands)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from app import ledger
from models.visit import APPOINTMENT_LEAD_DAYS, EmployerVisit, VisitPlan
from seed.workflows.visit import EMPLOYER_VISIT

DATES = ("appointed_on", "planned_on", "actual_on")


def check_visit_dates(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    if not any(name in values for name in DATES):
        return {}
    appointed, planned, actual = (
        value if isinstance(value, date) else None  # text that is no date has its own error already
        for value in (values.get(n, getattr(existing, n, None)) for n in DATES)
    )
    errors: dict[str, Any] = {}
    if appointed and planned and appointed > planned - timedelta(days=APPOINTMENT_LEAD_DAYS):
        errors["planned_on" if "planned_on" in values else "appointed_on"] = _l(
            "The visit must be appointed at least %(days)d days ahead (R-62)", days=APPOINTMENT_LEAD_DAYS
        )
    if appointed and actual and actual < appointed:
        errors["actual_on"] = _l("The visit cannot come before its appointment")
    return errors


VISIT_PLAN = ledger.register(ledger.Ledger(VisitPlan, chapter="survey"))
VISIT = ledger.register(
    ledger.Ledger(EmployerVisit, chapter="survey", workflow=EMPLOYER_VISIT, checks=(check_visit_dates,))
)
