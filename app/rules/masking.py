"""Masking for public notices 公示 (CATALOG §7.1 PN-01): what the public may see of a beneficiary.

Names keep their first and last character (张*三; a two-character name keeps its first: 张*); resident ID
numbers keep the first 4 and last 4 digits with exactly ten stars between (1101**********1234). Plain
Python: every notice format (HTML, .docx, .xlsx) calls these two functions.
"""

from __future__ import annotations

ID_STARS = 10


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
