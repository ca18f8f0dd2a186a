"""`field(..., not_future=True)`: a date column that cannot lie after today is refused by the one validation
path (app/ledger/validation.py), whatever the model's clean() says — here through the command path."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from app import db, ledger
from app.security.scope import acting_as
from models.base import column_meta
from models.loan import Loan
from tests.conftest import first_community, freeze_today
from tests.factories.loan import loan_values

TODAY = date(2026, 10, 20)


def test_not_future__flag_is_column_metadata() -> None:
    flagged = {meta.name for meta in column_meta(Loan) if meta.not_future}
    assert {"applied_on", "materials_complete_on", "disbursed_on", "file_created_on"} <= flagged
    assert "amount" not in flagged


def test_not_future__ledger_create_refuses_a_date_after_today(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_today(monkeypatch, TODAY)
    unit = first_community("仁和镇")
    with acting_as(current_app.appbuilder.sm.find_user(username="qu_jingban")):
        values = loan_values(unit.id, applied_on=(TODAY + timedelta(days=1)).isoformat())
        values.pop("person")
        with pytest.raises(ledger.LedgerError) as refused:
            ledger.create(Loan, values)
        db.session.rollback()
        assert set(refused.value.errors) == {"applied_on"}
        assert str(refused.value.errors["applied_on"]) == str(_l("The date cannot be in the future"))

        values = loan_values(unit.id, applied_on=TODAY.isoformat())  # today itself is not the future
        values.pop("person")
        assert ledger.create(Loan, values).applied_on == TODAY
        db.session.rollback()
