"""The ID number check (GB 11643 as issued): stdnum's answer for length, characters and check digit; a
birth date that is a real date not after today; a region code in use at some time from the birth year on
(the county where the number was issued, not where the person was born), each refusal saying which part is
wrong. Its caches give the same answer twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from models.base import today
from models.identity import (
    FutureBirthDate,
    IdNumberError,
    InvalidBirthDate,
    UnknownRegion,
    normalize_id_number,
)


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
    wrong_check_digit(number("110105", "19850101")),
    number("110105", "19850101")[:17],  # too short
    "11010519850101A123",  # a letter inside
    "11010519850101123" + "x",  # lower-case x
]


@pytest.mark.parametrize("raw", NUMBERS)
def test_id_number__length_characters_and_check_digit_as_stdnum(raw: str) -> None:
    expected = stdnum_answer(raw.upper())
    for _ in range(2):  # the second answer comes from the caches
        try:
            answer = normalize_id_number(raw)
        except IdNumberError as exc:
            answer = type(exc.__cause__).__name__
        assert answer == expected, raw


AS_ISSUED = [  # (number, None when valid or the refusal's cause)
    ("110113198803151232", None),  # 顺义区 (since 1998) on a card of someone born in 1988: a real case
    (number("110113", "19500101"), None),
    (number("110222", "19900101"), None),  # 顺义县 until 1998: an old card stays valid
    (number("110222", "20050101"), UnknownRegion),  # first issued after 1998, it cannot carry 顺义县
    (number("110103", "20091231"), None),  # 崇文区, abolished in 2010
    (number("110103", "20110101"), UnknownRegion),
    (number("110118", "20140101"), None),  # 密云区 from 2015: issued after the birth
    (number("999999", "19850101"), UnknownRegion),
    (number("110105", "19850230"), InvalidBirthDate),  # no such day
    (number("110105", "19851301"), InvalidBirthDate),
    (number("110105", "20991231"), FutureBirthDate),
]


@pytest.mark.parametrize(("raw", "cause"), AS_ISSUED)
def test_id_number__region_in_use_since_the_birth_and_a_real_birth_date(
    app: Flask, raw: str, cause: type[Exception] | None
) -> None:
    for _ in range(2):  # the second answer comes from the caches
        try:
            answer: type[Exception] | None = None
            assert normalize_id_number(raw) == raw
        except IdNumberError as exc:
            answer = type(exc.__cause__)
        assert answer is cause, raw


def test_id_number__born_today_valid_tomorrow_refused_naming_the_birth_date(app: Flask) -> None:
    assert normalize_id_number(number("110113", f"{today():%Y%m%d}"))
    with pytest.raises(IdNumberError) as refused:
        normalize_id_number(number("110113", f"{today() + timedelta(days=1):%Y%m%d}"))
    with app.test_request_context():
        assert "出生日期（第7至14位）晚于今天" in str(refused.value.message)


def test_id_number__refusals_say_which_part_is_wrong(app: Flask) -> None:
    with app.test_request_context():
        for raw, part in [
            (number("999999", "19850101"), "地区代码（前6位）"),
            (number("110105", "19850230"), "出生日期（第7至14位）不是有效日期"),
        ]:
            with pytest.raises(IdNumberError) as refused:
                normalize_id_number(raw)
            assert part in str(refused.value.message), raw
