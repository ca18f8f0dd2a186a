"""R-72 segment count and the gateway's number file (WF-41 step 4), as tables."""

from __future__ import annotations

import pytest

from app.rules.sms import number_file, segments, upload_numbers


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        (None, 0),
        ("岗", 1),
        ("岗" * 72, 1),
        ("岗" * 73, 2),
        ("a" * 72, 1),  # characters, not bytes: 72 Latin letters are one message as well
        ("岗" * 71 + "。", 1),  # punctuation counts (R-72 “包括标点符号”)
        ("岗" * 72 + "。", 2),
        ("岗" * 144, 2),
        ("岗" * 145, 3),
        ("第一行\n第二行", 1),
        ("😀" * 73, 2),
    ],
)
def test_segments(text: str | None, count: int) -> None:
    assert segments(text) == count


def test_upload_numbers__valid_mobiles_once_sorted() -> None:
    raw = [
        "139 0000 0002",
        "13900000001",
        "13900000001",
        None,
        "",
        "010-69440000",
        "12345678901",
        "1390000000",
    ]
    assert upload_numbers(raw) == ["13900000001", "13900000002"]


def test_number_file__one_number_per_line_nothing_else() -> None:
    assert number_file(["13900000001", "13900000002"]) == "13900000001\r\n13900000002\r\n"
    assert number_file([]) == ""
