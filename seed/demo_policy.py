"""placeholder"""

from typing import Any


def seed_policy(office: Any) -> None:
    return None
