"""Chinese personal identifiers: the resident ID number (GB 11643, via python-stdnum) and mobile numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l
from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from stdnum.util import isdigits

MOBILE = re.compile(r"^1[3-9]\d{9}$")


class IdNumberError(ValueError):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


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
    except InvalidComponent as exc:
        raise IdNumberError(_l("ID number contains an invalid birth date or region code")) from exc
    except ValidationError as exc:
        raise IdNumberError(_l("Invalid ID number")) from exc


def validated(number: str) -> str:
    """stdnum's ric.validate (length, format, check digit, birth date, birth place), with the birth place
    looked up once per region and year: stdnum searches its region database on every call, the most
    expensive step of an import row."""
    if not PLAIN_NUMBER.match(number):
        number = ric.compact(number)
    if len(number) != 18:
        raise InvalidLength()
    if not isdigits(number[:-1]):
        raise InvalidFormat()
    if number[-1] != ric.calc_check_digit(number):
        raise InvalidChecksum()
    if not birth_place_known(number[:6], birth_date_of(number).year):
        raise InvalidComponent()
    return number


@lru_cache(maxsize=CACHED_PLACES)
def birth_place_known(region: str, year: int) -> bool:
    """Whether the region code was a county in that year (what ric.get_birth_place checks)."""
    try:
        ric.get_birth_place(f"{region}{year:04d}0101000" + "0")
    except InvalidComponent:
        return False
    return True


def gender_of(number: str) -> str:
    """GB/T 2261.1 code: the 17th digit is odd for men."""
    return "1" if int(number[16]) % 2 else "2"


def birth_date_of(number: str) -> date:
    """The birth date of a normalised 18-digit number (stdnum's get_birth_date without its cleaning)."""
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise InvalidComponent() from exc


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
