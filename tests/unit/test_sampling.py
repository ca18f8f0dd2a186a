"""R-36 / B-07: the 10% phone spot-check, size and reproducibility (plain values)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rules.sampling import draw, sample_size


@pytest.mark.parametrize(
    ("n", "rate", "minimum", "expected"),
    [
        (0, "0.10", 1, 0),  # nothing to call
        (1, "0.10", 1, 1),  # at least one
        (9, "0.10", 1, 1),
        (10, "0.10", 1, 1),  # exactly 10%
        (11, "0.10", 1, 2),  # ceil(1.1)
        (20, "0.10", 1, 2),
        (95, "0.10", 1, 10),  # ceil(9.5)
        (101, "0.10", 1, 11),
        (3, "0.10", 5, 3),  # never more than the ledger has
        (40, "0.25", 1, 10),  # a changed rate
    ],
)
def test_sample_size__ceil_of_rate_at_least_minimum(n: int, rate: str, minimum: int, expected: int) -> None:
    assert sample_size(n, Decimal(rate), minimum) == expected


def test_draw__same_seed_same_sample_whatever_the_order() -> None:
    keys = list(range(1, 58))
    first = draw(keys, seed=20261009)
    assert first == draw(list(reversed(keys)), seed=20261009)
    assert len(first) == 6 and set(first) <= set(keys) and first == sorted(set(first))


def test_draw__other_seeds_give_other_samples() -> None:
    keys = list(range(1, 101))
    samples = {tuple(draw(keys, seed=s)) for s in range(20)}
    assert len(samples) > 15


def test_draw__duplicates_counted_once() -> None:
    assert draw([7, 7, 7], seed=1) == [7]
