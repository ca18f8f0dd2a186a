"""The workflow of SM-07 区级就业再就业优惠政策, as data (the grammar: seed/workflows/common.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input, State, Transition, Workflow
from seed.workflows.common import AT_DISTRICT, COMMENT, DATE, DISTRICT, REASON, REVIEWER, THIRD_PARTY

REVIEWED = ("submitted", "first_reviewed", "second_reviewed")

# SM-07 区级就业再就业优惠政策 (WF-12; R-34 ordered reviews, R-35 notice). The manual sets no time limit on
# the reviews or the payment; the one-week notice is the notice's own deadline (PUBLIC_NOTICE).
DISTRICT_SUBSIDY = Workflow(
    ledger="district_subsidy",
    label=_l("District preferential-policy subsidy"),
    source="SM-07; WF-12; R-34, R-35; B-19",
    start_field="applied_on",
    initial="submitted",
    states=(
        State("submitted", _l("Submitted")),
        State("first_reviewed", _l("First review passed")),
        State("second_reviewed", _l("Second review passed")),
        State("final_reviewed", _l("Final review passed")),
        State("in_notice", _l("On public notice")),
        State("returned", _l("Returned after an objection")),
        State("sent_to_finance", _l("Sent to the district finance bureau")),
        State("finance_approved", _l("Approved by the finance bureau")),
        State("paid", _l("Paid")),
        State("archived", _l("Archived"), final=True),
        State("rejected", _l("Rejected"), final=True),
    ),
    transitions=(
        Transition(
            "first_review",
            _l("First review (employment agency service centre)"),
            ("submitted",),
            "first_reviewed",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
            needs_materials=True,
        ),
        Transition(
            "second_review",
            _l("Second review (employment promotion section)"),
            ("first_reviewed",),
            "second_reviewed",
            roles=frozenset({REVIEWER}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
        ),
        Transition(
            "final_review",
            _l("Final review (third party)"),
            ("second_reviewed",),
            "final_reviewed",
            roles=frozenset({THIRD_PARTY}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
        ),
        Transition(
            "reject",
            _l("Reject the application"),
            REVIEWED,
            "rejected",
            roles=frozenset({DISTRICT, REVIEWER, THIRD_PARTY}),
            tiers=AT_DISTRICT,
            inputs=(REASON,),
            waits=False,
        ),
        Transition(
            "put_on_notice",
            _l("Put on public notice"),
            ("final_reviewed",),
            "in_notice",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
            requires=("on_draft_notice",),  # only with a notice (app/services/notices.py create_notice)
        ),
        Transition(
            "objection_returned",
            _l("Returned after an objection"),
            ("in_notice",),
            "returned",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(Input("comment", _l("Objection"), kind="comment"),),
            waits=False,
            requires=("objection_logged",),  # only by an objection logged on the notice
        ),
        Transition(
            "review_again",
            _l("Review again after the objection"),
            ("returned",),
            "submitted",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(REASON,),
        ),
        Transition(
            "send_to_finance",
            _l("Send to the district finance bureau"),
            ("in_notice",),
            "sent_to_finance",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, COMMENT),
            requires=("notice_closed",),
        ),
        Transition(
            "finance_approve",
            _l("Finance bureau approval received"),
            ("sent_to_finance",),
            "finance_approved",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, Input("comment", _l("Approval reference"), kind="comment")),
        ),
        Transition(
            "pay",
            _l("Notify and pay"),
            ("finance_approved",),
            "paid",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(DATE, COMMENT),
        ),
        Transition(
            "archive",
            _l("Archive the materials"),
            ("paid",),
            "archived",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
        ),
    ),
)
