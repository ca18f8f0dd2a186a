"""Chinese personal identifiers: the resident ID number (GB 11643, via python-stdnum) and mobile numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l
from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from stdnum.util import isdigits

from models.base import today

MOBILE = re.compile(r"^1[3-9]\d{9}$")


class IdNumberError(ValueError):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


class InvalidBirthDate(InvalidComponent):
    """Digits 7-14 are no date."""


class FutureBirthDate(InvalidComponent):
    """Digits 7-14 are a date after today."""


class UnknownRegion(InvalidComponent):
    """The first six digits were never a county's code from the birth year on."""


CACHED_NUMBERS = 8192  # an import checks each row's number several times (key, validation, derived fields)
CACHED_PLACES = 65536  # (region code, birth year) pairs
PLAIN_NUMBER = re.compile(r"^[0-9X]*$")  # nothing for stdnum's compact() to clean


@lru_cache(maxsize=CACHED_NUMBERS)
def normalize_id_number(raw: str) -> str:
    """Full-width digits and spaces removed, 15-digit legacy numbers converted to 18; raise IdNumberError."""
    number = unicodedata.normalize("NFKC", str(raw)).replace(" ", "").strip().upper()
    if len(number) == 15 and number.isdigit():
        body = number[:6] + "19" + number[6:]
        number = body + ric.calc_check_digit(body + "0")
    try:
        return validated(number)
    except InvalidLength as exc:
        raise IdNumberError(_l("ID number must have 18 digits (or 15 for an old card)")) from exc
    except InvalidFormat as exc:
        raise IdNumberError(_l("ID number may contain only digits and a final X")) from exc
    except InvalidChecksum as exc:
        raise IdNumberError(_l("ID number check digit is wrong; please check each digit")) from exc
    except InvalidBirthDate as exc:
        raise IdNumberError(_l("The birth date in the ID number (digits 7 to 14) is not a date")) from exc
    except FutureBirthDate as exc:
        raise IdNumberError(
            _l("The birth date in the ID number (digits 7 to 14) lies in the future")
        ) from exc
    except UnknownRegion as exc:
        raise IdNumberError(
            _l("The region code of the ID number (its first 6 digits) does not exist")
        ) from exc
    except ValidationError as exc:
        raise IdNumberError(_l("Invalid ID number")) from exc


def validated(number: str) -> str:
    """Length, format and check digit as stdnum's ric.validate; the birth date a real date not after today;
    the region code one that was a county's at some time from the birth year on (GB 11643 codes the county
    where the number was issued, which may be years after the birth: a resident of 顺义 born in 1988 may
    carry 110113, 顺义区 since 1998, where stdnum asks for a county existing in the birth year). The
    region is looked up once per region and year: stdnum's database search is an import row's dearest step."""
    if not PLAIN_NUMBER.match(number):
        number = ric.compact(number)
    if len(number) != 18:
        raise InvalidLength()
    if not isdigits(number[:-1]):
        raise InvalidFormat()
    if number[-1] != ric.calc_check_digit(number):
        raise InvalidChecksum()
    born = birth_date_of(number)
    if born > today():
        raise FutureBirthDate()
    if not region_in_use(number[:6], born.year):
        raise UnknownRegion()
    return number


@lru_cache(maxsize=CACHED_PLACES)
def region_in_use(region: str, since: int) -> bool:
    """Whether the region code was a county's in some year from `since` on (stdnum's region database gives
    each county its years in use, "[1998-]顺义区"; a code without years has always been in use)."""
    info = {key: value for _, props in numdb.get("cn/loc").info(region) for key, value in props.items()}
    for county in info.get("county", "").split(",") if info.get("county") else ():
        if not county.startswith("["):
            return True
        end = county[1:].split("]", 1)[0].partition("-")[2]
        if not end or int(end) >= since:
            return True
    return False


def gender_of(number: str) -> str:
    """GB/T 2261.1 code: the 17th digit is odd for men."""
    return "1" if int(number[16]) % 2 else "2"


def birth_date_of(number: str) -> date:
    """The birth date of a normalised 18-digit number (stdnum's get_birth_date without its cleaning)."""
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise InvalidBirthDate() from exc


def valid_mobile(phone: str) -> bool:
    return bool(MOBILE.match(phone))


def mask_id_number(number: str | None) -> str:
    """1101**********1234: what roles without the PII permission see."""
    if not number:
        return ""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def normalize_credit_code(raw: str) -> str:
    """统一社会信用代码 (GB 32100) in upper case without spaces; raise IdNumberError when not valid."""
    from stdnum.cn import uscc

    code = unicodedata.normalize("NFKC", str(raw)).replace(" ", "").replace("-", "").strip().upper()
    try:
        return str(uscc.validate(code))
    except InvalidLength as exc:
        raise IdNumberError(_l("The unified social credit code has 18 characters")) from exc
    except InvalidChecksum as exc:
        raise IdNumberError(_l("The check character of the unified social credit code is wrong")) from exc
    except ValidationError as exc:
        raise IdNumberError(_l("Not a valid unified social credit code")) from exc
