"""Masking for public notices 公示 (CATALOG §7.1 PN-01): what the public may see of a beneficiary.

Names keep their first and last character (张*三; a two-character name keeps its first: 张*); resident ID
numbers keep the first 4 and last 4 digits with exactly ten stars between (1101**********1234). Plain
Python: every notice format (HTML, .docx, .xlsx) calls these two functions.

`mask_personal` is what a user without the PII permission sees of any personal column (ID number, phone,
birth date, a list of numbers): every number of seven digits or more keeps its first three (a phone) or four
(an ID number) and last four digits; a date shows nothing of itself.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

ID_STARS = 10
NUMBER = re.compile(r"\d[\dXx]{6,}")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
HIDDEN_DATE = "****-**-**"


def mask_name(name: str | None) -> str:
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(number: str | None) -> str:
    number = (number or "").strip()
    if not number:
        return ""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * ID_STARS + number[-4:]


def mask_number(number: str) -> str:
    """138****5678 (a phone), 1101**********1234 (an ID number): the middle hidden."""
    keep = 3 if len(number) <= 12 else 4
    return number[:keep] + "*" * (len(number) - keep - 4) + number[-4:]


def mask_personal(value: Any) -> str:
    """A personal value as users without the PII permission see it (empty stays empty)."""
    if value is None or value == "":
        return ""
    if isinstance(value, date) or ISO_DATE.match(str(value)):
        return HIDDEN_DATE
    return NUMBER.sub(lambda match: mask_number(match.group()), str(value))
