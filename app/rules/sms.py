"""短信群发 rules (CATALOG R-72, R-73): plain functions, no Flask, no database.

R-72 “72个字符（包括标点符号）为一条短信，以此累计” (区级 第三章 第二节（三）1): a message is billed as
ceil(characters / 72) segments; characters are counted as the clerk sees them (a Chinese character, a
letter, a punctuation mark or a space is one character each; bytes do not matter). Line breaks count too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SEGMENT_CHARACTERS = 72
MAX_RETRIES = 1  # one second attempt; what still fails goes to 信息定制部门 / a phone call
MOBILE = re.compile(r"^1[3-9]\d{9}$")


def segments(text: str | None) -> int:
    """R-72: the number of messages the text is sent as (0 for no text)."""
    length = len(text or "")
    return -(-length // SEGMENT_CHARACTERS)


def upload_numbers(numbers: Iterable[str | None]) -> list[str]:
    """The numbers of the gateway's number file (WF-41 step 4 “只复制电话号码，不能出现文字符号”): valid mainland
    mobile numbers only, spaces removed, each once, in ascending order."""
    cleaned = {"".join(str(n).split()) for n in numbers if n}
    return sorted(n for n in cleaned if MOBILE.match(n))


def number_file(numbers: Iterable[str]) -> str:
    """The upload file's text: one number per line, Windows line ends (a Notepad 文本文档), nothing else."""
    return "".join(f"{number}\r\n" for number in numbers)
