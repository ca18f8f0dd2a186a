"""What a ledger view gets by declaring `action_tiers = {"roster": AT_DISTRICT}`: a bulk action done at some
tiers of the org tree only (the level of the user's unit, as a workflow step's `Transition.tiers`). The
list offers it to users of those tiers only, and the action endpoints (LedgerView.action / action_post)
refuse anyone else with the workflow engine's message. 街镇经办 and 区级经办 hold the same rights
(seed/roles.py): their tier tells them apart.

Also `ticked_outside(items)`: how many ticked rows the territorial scope left out of an action's rows, for
actions that must not quietly produce less than was ticked (a 花名册).

And `RowActionsMixin`: the bulk actions every ledger list offers (void with a reason, a workflow step,
restore), each row through the ledger commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, request
from flask_appbuilder.actions import action as bulk_action
from flask_babel import lazy_gettext as _l

from app import ledger
from app.security.scope import current_actor
from app.workflow.engine import tier_refusal
from app.workflow.ledger_views import BULK_ACTION


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


class RowActionsMixin:
    """The bulk actions of every ledger list (FAB finds them on the view by their decorator)."""

    datamodel: Any  # what the ledger view provides (annotations only: nothing here shadows them)
    list_title: Any
    get_redirect: Callable[[], Any]
    render_template: Callable[..., Any]
    fire_selected: Callable[[Any], Any]

    @bulk_action("void_selected", _l("Void"), _l("Void the selected records?"), "fa-ban", single=False)
    def void_selected(self, items: Any) -> Any:
        items = [item for item in items if item.voided_at is None]
        reason = request.form.get("reason", "")
        if reason.strip():
            voided = 0
            for item in items:
                try:
                    ledger.void(item, reason)
                    voided += 1
                except ledger.LedgerError as exc:  # a record its workflow has locked
                    flash(f"{item}：{exc}", "warning")
            ledger.commit()
            flash(str(_l("Voided %(count)d records", count=voided)), "success")
            return redirect(self.get_redirect())
        return self.render_template("ledger/void.html", items=items, title=self.list_title)

    @bulk_action(BULK_ACTION, _l("Workflow step"), "", "fa-share", single=False)
    def transition_selected(self, items: Any) -> Any:
        return self.fire_selected(items)

    @bulk_action(
        "restore_selected", _l("Restore"), _l("Restore the selected records?"), "fa-undo", single=False
    )
    def restore_selected(self, items: Any) -> Any:
        restored = 0
        for item in items:
            if item.voided_at is not None:
                ledger.restore(item)
                restored += 1
        self.datamodel.session.commit()
        flash(str(_l("Restored %(count)d records", count=restored)), "success")
        return redirect(self.get_redirect())
