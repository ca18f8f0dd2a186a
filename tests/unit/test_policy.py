"""Policy parameters by date, table-driven: the row in force is the latest one effective on or before the
day; values come back typed."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from app.services.policy import in_force, typed


@dataclass
class Row:
    key: str
    kind: str
    value: str
    effective_from: date


ROWS = [
    Row("wage.minimum", "money", "1160.00", date(2011, 1, 1)),
    Row("wage.minimum", "money", "1260.00", date(2012, 1, 1)),
    Row("wage.minimum", "money", "2540.00", date(2025, 9, 1)),
    Row("notice.days", "integer", "7", date(2011, 1, 1)),
]


@pytest.mark.parametrize(
    ("key", "on", "expected"),
    [
        ("wage.minimum", date(2010, 12, 31), None),  # nothing in force yet
        ("wage.minimum", date(2011, 1, 1), "1160.00"),  # in force on its first day
        ("wage.minimum", date(2011, 12, 31), "1160.00"),
        ("wage.minimum", date(2012, 1, 1), "1260.00"),
        ("wage.minimum", date(2025, 8, 31), "1260.00"),
        ("wage.minimum", date(2025, 9, 1), "2540.00"),
        ("wage.minimum", date(2030, 1, 1), "2540.00"),
        ("notice.days", date(2026, 10, 9), "7"),
        ("no.such.key", date(2026, 10, 9), None),
    ],
)
def test_in_force(key: str, on: date, expected: str | None) -> None:
    row = in_force(ROWS, key, on)
    assert (row.value if row else None) == expected


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("money", "1160.00", Decimal("1160.00")),
        ("rate", "0.002", Decimal("0.002")),
        ("integer", " 7 ", 7),
        ("text", "89444923", "89444923"),
        ("choice", "fixed", "fixed"),
    ],
)
def test_typed(kind: str, value: str, expected: object) -> None:
    result = typed(kind, value)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(
    ("kind", "value"), [("money", "一千"), ("rate", "NaN"), ("integer", "7.5"), ("x", "1")]
)
def test_typed__bad_values_raise(kind: str, value: str) -> None:
    with pytest.raises(ValueError):
        typed(kind, value)
