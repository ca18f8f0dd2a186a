"""What a ledger view gets by declaring `action_tiers = {"roster": AT_DISTRICT}`: a bulk action done at some
tiers of the org tree only (the level of the user's unit, as a workflow step's `Transition.tiers`). The
list offers it to users of those tiers only, and the action endpoints (LedgerView.action / action_post)
refuse anyone else with the workflow engine's message. 街镇经办 and 区级经办 hold the same rights
(seed/roles.py): their tier tells them apart.

Also `ticked_outside(items)`: how many ticked rows the territorial scope left out of an action's rows, for
actions that must not quietly produce less than was ticked (a 花名册)."""

from __future__ import annotations

from typing import Any

from flask import request

from app.security.scope import current_actor
from app.workflow.engine import tier_refusal


def user_tier(user: Any) -> str | None:
    """The level of the user's unit: district, town or community (None without a unit)."""
    return getattr(getattr(user, "org", None), "level", None)


class TieredActionsMixin:
    action_tiers: dict[str, frozenset[str]] = {}  # action name → the tiers that may run it

    def action_refusal(self, name: str) -> Any:
        """Why the current user may not run the action at their tier (a message), or None."""
        tiers = self.action_tiers.get(name)
        if tiers is None or user_tier(current_actor()) in tiers:
            return None
        return tier_refusal(self.actions[name].text, tiers)  # type: ignore[attr-defined]

    def _get_list_widget(self, filters: Any, actions: Any = None, **kwargs: Any) -> Any:
        """The list's action menu without the actions of other tiers."""
        if actions is None:
            actions = {n: a for n, a in self.actions.items() if self.action_refusal(n) is None}  # type: ignore[attr-defined]
        return super()._get_list_widget(filters, actions=actions, **kwargs)  # type: ignore[misc]

    @staticmethod
    def ticked_outside(items: list[Any]) -> int:
        """Ticked row ids of the request not among `items` (the rows the scope loaded)."""
        ticked = {int(pk) for pk in request.form.getlist("rowid") if pk.isdigit()}
        return len(ticked - {item.id for item in items})
