"""The workflow of SM-09 公益性岗位专项补贴, as data (the grammar: seed/workflows/common.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import State, Transition, Workflow
from seed.workflows.common import AT_DISTRICT, COMMENT, DATE, DISTRICT, REVIEWER

# SM-09 公益性岗位专项补贴, monthly (WF-11; R-53): the pay is calculated (R-42..R-51) and entered “即时”,
# i.e. on the day it is calculated (the record's start); 主管领导 (the 审核 role) signs the
# 《顺义区公益性专项补贴审批表》 by the 20th of the pay month (counted from `pay_month`); the money goes out
# with the signed table only (disbursement waits for the signature: it leaves "signed" only).
WELFARE_PAYMENT = Workflow(
    ledger="welfare_payment",
    label=_l("Public-welfare post monthly pay"),
    source="SM-09; WF-11; R-42..R-53; RP-13",
    dated_events=("pay_month",),
    initial="calculated",
    states=(
        State("calculated", _l("Pay calculated")),
        State("entered", _l("Entered in the city system")),
        State("signed", _l("Approval table signed")),
        State("disbursed", _l("Disbursed"), final=True),
    ),
    transitions=(
        Transition(
            "enter",
            _l("Entered in the Beijing human-resources market system"),
            ("calculated",),
            "entered",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, COMMENT),
            limit="即时",
            limit_label=_l("at once"),
        ),
        Transition(
            "sign",
            _l("Leader in charge signs the approval table"),
            ("entered",),
            "signed",
            roles=frozenset({REVIEWER}),
            tiers=AT_DISTRICT,
            inputs=(DATE, COMMENT),
            limit="每月20日",
            counted_from="pay_month",
            limit_label=_l("on the 20th of the pay month"),
        ),
        Transition(
            "disburse",
            _l("Disburse with the signed approval table"),
            ("signed",),
            "disbursed",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, COMMENT),
        ),
    ),
)
