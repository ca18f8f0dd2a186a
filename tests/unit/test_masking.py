"""公示 masking, table-driven: names keep first and last character, ID numbers 4 + ten stars + 4."""

import pytest

from app.rules.masking import mask_id, mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张小三", "张*三"),
        ("欧阳小明", "欧**明"),
        ("王", "王"),
        (" 李四 ", "李*"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(name: str | None, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110101199003071234", "1101**********1234"),
        ("11010119900307123X", "1101**********123X"),
        ("110101900307123", "1101**********7123"),  # an old 15-digit number keeps the same shape
        ("12345", "*****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id(number: str | None, masked: str) -> None:
    assert mask_id(number) == masked
