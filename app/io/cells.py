"""Turn one spreadsheet cell into a ledger value, by column kind. Full-width characters and stray spaces
are normalised; dates are accepted as Excel serials, 2026-01-05, 2026/1/5 or 2026年1月5日; an ID stored
by Excel as a number (digits lost) is refused with the fix."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l

from app import codes
from app.io.columns import ColumnSpec

EXCEL_EPOCH = date(1899, 12, 30)
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
TRUE_WORDS = {"是", "yes", "y", "true", "1", "√"}
FALSE_WORDS = {"否", "no", "n", "false", "0", "×"}
EXACT_DIGITS = 10**15  # a double keeps every digit of an integer below this


class CellError(ValueError):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


@lru_cache(maxsize=4096)  # the same labels and unit names come back on every row of an import
def narrow(text: str) -> str:
    """Full-width digits, letters and spaces to their ASCII forms, trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def parse(spec: ColumnSpec, value: Any) -> Any:
    """The ledger value of a cell, or None for an empty cell; raise CellError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        value = value[1:]  # our CSV export's guard against formula injection
    if spec.kind == "date":
        return parse_date(value)
    if spec.kind == "number":
        return parse_number(spec, value)
    if spec.kind == "bool":
        return parse_bool(value)
    if spec.kind == "verbatim":
        return parse_verbatim(value)
    text = plain_text(value).strip()
    if spec.kind == "code" and narrow(text) != text and codes.lookup(spec.code_list or "", text) is None:
        return narrow(text)  # full-width digits of a code; labels keep their own （） punctuation
    return text


def plain_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_verbatim(value: Any) -> str:
    """ID and phone numbers: text without spaces; a number that lost digits is refused."""
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= EXACT_DIGITS:
            raise CellError(
                _l(
                    "Excel stored this number as a number and its last digits are lost; "
                    "format the column as text and enter the number again"
                )
            )
        return str(int(value))
    return "".join(narrow(plain_text(value)).split())


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = narrow(str(value))
    if text.isdigit() and len(text) == 8:
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = DATE_TEXT.match(text)
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise CellError(_l("Not a valid date; write it like 2026-01-05"))


def parse_number(spec: ColumnSpec, value: Any) -> int | float | Decimal:
    if isinstance(value, bool):
        raise CellError(_l("Not a number"))
    if isinstance(value, str):
        text = "".join(narrow(value).replace(",", "").split())
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise CellError(_l("Not a number")) from exc
    if spec.integer:
        if value != int(value):
            raise CellError(_l("Must be a whole number"))
        return int(value)
    return value if isinstance(value, Decimal) else Decimal(str(value))


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = narrow(plain_text(value)).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_l("Write 是 or 否"))
