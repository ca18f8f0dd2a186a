"""The workflow of SM-08 职业指导培训补贴, as data (the grammar: seed/workflows/common.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import START, Input, State, Transition, Workflow
from seed.workflows.common import AT_DISTRICT, COMMENT, DATE, DISTRICT, REASON

# SM-08 职业指导培训补贴 (WF-53 街镇, WF-13 区; R-36..R-38). The street/town's claim is due by the 5th of
# the next quarter's first month (the recurring duty D-12); the district sends it to the city by the 10th.
GUIDANCE_CLAIM = Workflow(
    ledger="guidance_claim",
    label=_l("Guidance-training subsidy claim"),
    source="SM-08; WF-13, WF-53; R-36..R-38; CK-09",
    start_field="quarter_end",
    initial="submitted",
    states=(
        State("submitted", _l("Submitted to the district")),
        State("district_reviewed", _l("Reviewed by the district")),
        State("phone_sampled", _l("Telephone spot-check done")),
        State("submitted_to_city", _l("Submitted to the city")),
        State("city_approved", _l("Approved by the city")),
        State("accounts_verified", _l("Accounts verified")),
        State("archived", _l("Archived"), final=True),
        State("rejected", _l("Rejected"), final=True),
    ),
    transitions=(
        Transition(
            "review",
            _l("District review (draws the telephone sample)"),
            ("submitted",),
            "district_reviewed",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, COMMENT),
            needs_materials=True,
            limit="次季度首月10日",
            counted_from=START,
            limit_label=_l("before the 10th of the next quarter's first month"),
        ),
        Transition(
            "record_call",
            _l("Record a spot-check call"),
            ("district_reviewed",),
            None,
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(
                Input("session", _l("Record number of the guidance session"), kind="number"),
                Input("outcome", _l("Call outcome"), kind="code", code_list="guidance_call_outcome"),
                COMMENT,
            ),
            waits=False,
        ),
        Transition(
            "finish_sampling",
            _l("Finish the telephone spot-check"),
            ("district_reviewed",),
            "phone_sampled",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
            requires=("calls_recorded",),
            limit="次季度首月10日",
            counted_from=START,
            limit_label=_l("before the 10th of the next quarter's first month"),
        ),
        Transition(
            "submit_to_city",
            _l("Submit to the city bureau"),
            ("phone_sampled",),
            "submitted_to_city",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, COMMENT),
            needs_materials=True,
            limit="次季度首月10日",
            counted_from=START,
            limit_label=_l("before the 10th of the next quarter's first month"),
        ),
        Transition(
            "city_approve",
            _l("City approval received"),
            ("submitted_to_city",),
            "city_approved",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, Input("comment", _l("Approval reference"), kind="comment")),
        ),
        Transition(
            "verify_accounts",
            _l("Accounts roster uploaded and verified"),
            ("city_approved",),
            "accounts_verified",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, COMMENT),
            limit="即时",
            limit_label=_l("at once"),
        ),
        Transition(
            "archive",
            _l("Archive the materials"),
            ("accounts_verified",),
            "archived",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
        ),
        Transition(
            "reject",
            _l("Reject the claim"),
            ("submitted", "district_reviewed", "phone_sampled", "submitted_to_city"),
            "rejected",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(REASON,),
            waits=False,
        ),
    ),
)
