"""Property tests (issue 14 fuzz): the identifier checks and the one validation path answer any text with a
normalised value or their own validation error, never another exception."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from app.ledger import LEDGERS
from app.ledger.validation import validate_values
from app.rules import masking, sms
from app.security.scope import acting_as
from models.base import column_meta
from models.identity import IdNumberError, normalize_credit_code, normalize_id_number, valid_mobile

BOUNDED = settings(max_examples=150, derandomize=True, database=None, deadline=None)
IDENTIFIER_TEXT = st.one_of(
    st.text(max_size=24),
    st.text(alphabet="0123456789Xx ０１２３４５６７８９-", max_size=22),
)


@BOUNDED
@given(IDENTIFIER_TEXT)
def test_id_number__any_text_normalised_or_refused(raw: str) -> None:
    try:
        number = normalize_id_number(raw)
    except IdNumberError as exc:
        assert str(exc)
        return
    assert len(number) == 18 and ric.is_valid(number) and normalize_id_number(number) == number


@BOUNDED
@given(st.dates(min_value=date(1982, 1, 1), max_value=date(1997, 12, 31)), st.integers(0, 999))
def test_id_number__every_valid_number_accepted_and_kept(birth: date, seq: int) -> None:
    """顺义县 (110222) numbers of people born while the county had that code."""
    body = f"110222{birth:%Y%m%d}{seq:03d}"
    number = body + ric.calc_check_digit(body + "0")
    assert normalize_id_number(number) == number
    assert normalize_id_number(" ".join(number)) == number


@BOUNDED
@given(st.one_of(st.text(max_size=24), st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY -", max_size=22)))
def test_credit_code__any_text_normalised_or_refused(raw: str) -> None:
    try:
        code = normalize_credit_code(raw)
    except IdNumberError as exc:
        assert str(exc)
        return
    assert uscc.is_valid(code) and normalize_credit_code(code) == code


@BOUNDED
@given(st.text(max_size=20))
def test_phone_mask_and_sms_helpers__any_text(raw: str) -> None:
    assert isinstance(valid_mobile(raw), bool)
    assert isinstance(masking.mask_id(raw), str) and isinstance(masking.mask_name(raw), str)
    assert isinstance(sms.segments(raw), int)
    assert isinstance(sms.upload_numbers([raw]), list)


def text_values(model: type) -> Any:
    """A row of arbitrary text (or nothing) in every column of the model."""
    names = [meta.name for meta in column_meta(model)]
    return st.fixed_dictionaries(
        {}, optional={name: st.one_of(st.none(), st.text(max_size=30)) for name in names}
    )


@pytest.mark.parametrize(
    "ledger_name",
    [
        "person",
        "employer",
        "vacancy",
        "district_subsidy",
        "loan",
    ],
)
def test_validate_values__any_text_gives_field_errors(app: Flask, ledger_name: str) -> None:
    model = LEDGERS[ledger_name].model
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")

    @settings(
        max_examples=40,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(text_values(model))
    def check(values: dict[str, Any]) -> None:
        with acting_as(clerk):
            errors = validate_values(model, dict(values))
        assert isinstance(errors, dict)
        assert all(isinstance(field, str) and str(message) for field, message in errors.items())

    check()
