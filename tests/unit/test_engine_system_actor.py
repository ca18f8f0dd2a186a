"""The workflow guard for the system itself (a scheduled job): only the state is checked."""

from __future__ import annotations

import pytest

from app.workflow import engine
from seed.workflows.vacancy import VACANCY

EXPIRE = VACANCY.transition("expire")
CLERK_ELSEWHERE = engine.Actor(roles=frozenset({"街镇经办"}), tier="town", in_territory=False)
COMMUNITY = engine.Actor(roles=frozenset({"社区专干"}), tier="community", in_territory=True)


@pytest.mark.parametrize(
    ("actor", "state", "allowed"),
    [
        (engine.SYSTEM, "published", True),
        (engine.SYSTEM, "pending", False),
        (engine.SYSTEM, "filled", False),
        (CLERK_ELSEWHERE, "published", False),
        (COMMUNITY, "published", False),
    ],
)
def test_expire_guard__system_only_needs_the_state(actor: engine.Actor, state: str, allowed: bool) -> None:
    assert (engine.refusal(VACANCY, EXPIRE, state, actor) is None) is allowed
