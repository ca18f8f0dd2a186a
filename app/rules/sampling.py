"""电话抽查 — the 10% telephone spot-check of a guidance-training claim (CATALOG R-36, B-07; 区级 第一章
第三节（七）2 L867: “按照 10% 的抽查比例，对培训对象进行电话抽查”).

Plain Python. The sample size is ceil(rate × n), at least `minimum` (B-07: rounding not stated; ceil, min 1),
never more than n. The sample is drawn by `random.Random(seed)` over the entries sorted by their key, so the
same entries and the same seed (stored on the claim) always give the same sample.
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

K = TypeVar("K", int, str)


def sample_size(n: int, rate: Decimal = Decimal("0.10"), minimum: int = 1) -> int:
    """How many of n entries are called: ceil(rate × n), at least `minimum`, at most n (0 when n is 0)."""
    if n <= 0:
        return 0
    return min(n, max(minimum, math.ceil(Decimal(n) * rate)))


def new_seed() -> int:
    return secrets.randbelow(2**31)


def draw(keys: Iterable[K], seed: int, rate: Decimal = Decimal("0.10"), minimum: int = 1) -> list[K]:
    """The sampled keys (sorted), reproducible from the same keys and seed."""
    population: Sequence[K] = sorted(set(keys))
    size = sample_size(len(population), rate, minimum)
    return sorted(random.Random(seed).sample(list(population), size))
