"""区级优惠政策 amount (SM-07): the standard of the subsidy type in force on the application date (policy
parameter `district_subsidy.<type>.amount`) times the number of persons or months. Computed on the one
validation path (the spec's `derive`) whenever the type, quantity or date changes; the case stores the amount and
which parameter row it used (`rule_readings`), so a later parameter change leaves it as it was."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app import ledger
from app.services import policy
from models.district_subsidy import DistrictSubsidy
from seed.workflows.district_subsidy import DISTRICT_SUBSIDY as WORKFLOW

INPUTS = ("subsidy_type", "quantity", "applied_on")


def derive_amount(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    current: dict[str, Any] = {name: values.get(name, getattr(existing, name, None)) for name in INPUTS}
    if policy.inputs_unchanged(existing, current):
        return {}
    if any(current[n] in (None, "") for n in INPUTS):
        return {}
    key = f"district_subsidy.{current['subsidy_type']}.amount"
    try:
        standard = policy.parameter(key, current["applied_on"])
        used = policy.reading(key, current["applied_on"])
    except policy.PolicyError as exc:
        return {"applied_on": exc.errors[""]}
    values["amount"] = (Decimal(standard) * int(current["quantity"])).quantize(Decimal("0.01"))
    values["rule_readings"] = {"amount": used}
    return {}


DISTRICT_SUBSIDY = ledger.register(
    ledger.Ledger(
        DistrictSubsidy,
        chapter="funds",
        policy_basis=("district_preferential",),
        workflow=WORKFLOW,
        derive=(derive_amount,),
        checklist="CK-34",
        # after the final review the case changes only by its steps (the amount is on the notice, then paid)
        locked=("final_reviewed", "in_notice", "sent_to_finance", "finance_approved", "paid"),
    )
)
