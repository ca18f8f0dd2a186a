"""The ID number check with its birth-place look-up cached per region and year gives stdnum's answer for
every kind of number (valid, unknown region, a county not yet or no longer existing in the birth year,
bad date, bad check digit, wrong length or characters)."""

from __future__ import annotations

import pytest
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from models.identity import IdNumberError, normalize_id_number


def number(region: str, birth: str, sequence: str = "123", check: str | None = None) -> str:
    body = region + birth + sequence
    return body + (check if check is not None else ric.calc_check_digit(body + "0"))


def wrong_check_digit(valid: str) -> str:
    return valid[:-1] + ("1" if valid[-1] == "0" else "0")


def stdnum_answer(raw: str) -> str:
    try:
        return ric.validate(raw)
    except ValidationError as exc:
        return type(exc).__name__


NUMBERS = [
    number("110105", "19850101"),  # 朝阳区
    number("110103", "20091231"),  # 崇文区, abolished in 2010
    number("110103", "20110101"),
    number("110118", "20140101"),  # 密云区 from 2015
    number("110118", "20150601"),
    number("999999", "19850101"),  # no such region
    number("110105", "19850230"),  # no such day
    number("110105", "19851301"),
    wrong_check_digit(number("110105", "19850101")),
    number("110105", "19850101")[:17],  # too short
    "11010519850101A123",  # a letter inside
    "11010519850101123" + "x",  # lower-case x
]


@pytest.mark.parametrize("raw", NUMBERS)
def test_id_number__same_answer_as_stdnum(raw: str) -> None:
    expected = stdnum_answer(raw.upper())
    for _ in range(2):  # the second answer comes from the caches
        try:
            answer = normalize_id_number(raw)
        except IdNumberError as exc:
            answer = type(exc.__cause__).__name__
        assert answer == expected, raw
