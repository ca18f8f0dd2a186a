"""The workflows of the manual, as data (ARCHITECTURE §4 "Workflow engine"; CATALOG §3.4).

Each workflow is bound to one ledger by its registry name; its view declares `workflow = ...`. Roles are the
seeded role names (seed/roles.py), tiers the org levels. Time limits are `app.calendar.due` specs: "N日" are
calendar days, "N个工作日" working days (CATALOG B-01 keeps them apart). `waits=False` marks steps that can be
done at any time (a guidance session, an escalation): nothing waits on them, so they are not to-dos.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import START, Input, State, Transition, Workflow

COMMUNITY, TOWN, DISTRICT = "社区专干", "街镇经办", "区级经办"
REVIEWER, THIRD_PARTY = "审核", "第三方终审"
AT_TOWN, AT_COMMUNITY, AT_DISTRICT = frozenset({"town"}), frozenset({"community"}), frozenset({"district"})

DATE = Input("date", _l("Date"), kind="date")
COMMENT = Input("comment", _l("Comment"), kind="comment", required=False)
REASON = Input("comment", _l("Reason"), kind="comment")
STABILITY = Input(
    "stability",
    _l("Employment stability"),
    kind="code",
    code_list="employment_stability",
    to_field="stability",
)

BEFORE_EMPLOYMENT = (
    "recognised",
    "plan_made",
    "assistant_assigned",
    "contacted",
    "agreement_signed",
    "jobs_offered",
    "interview_followed_up",
)

# SM-10 就业困难人员援助 (WF-72 街镇; WF-91..94 社区; ).
HARD_TO_EMPLOY = Workflow(
    ledger="hard_to_employ",
    label=_l("Hard-to-employ assistance"),
    source="SM-10; WF-72, WF-91..94; R-65..R-67",
    start_field="reported_on",
    initial="reported",
    states=(
        State("reported", _l("Reported by the community")),
        State("recognised", _l("Recognised")),
        State("not_recognised", _l("Not recognised"), final=True),
        State("plan_made", _l("Assistance plan made")),
        State("assistant_assigned", _l("Employment assistant assigned")),
        State("contacted", _l("Contacted")),
        State("agreement_signed", _l("Assistance agreement signed")),
        State("jobs_offered", _l("Jobs offered")),
        State("interview_followed_up", _l("Interview followed up")),
        State("escalated", _l("Escalated to the district")),
        State("employed", _l("Employed")),
        State("registration_notified", _l("Told to register employment")),
        State("registered", _l("Employment registered")),
        State("tracking", _l("Stability tracking")),
        State("closed", _l("Closed"), final=True),
    ),
    transitions=(
        Transition(
            "recognise",
            _l("Recognise as hard-to-employ"),
            ("reported",),
            "recognised",
            roles=frozenset({TOWN}),
            tiers=AT_TOWN,
            inputs=(Input("date", _l("Recognised on"), kind="date", to_field="recognised_on"), COMMENT),
        ),
        Transition(
            "reject",
            _l("Not recognised"),
            ("reported",),
            "not_recognised",
            roles=frozenset({TOWN}),
            tiers=AT_TOWN,
            inputs=(REASON,),
        ),
        Transition(
            "make_plan",
            _l("Make the assistance plan"),
            ("recognised",),
            "plan_made",
            roles=frozenset({TOWN}),
            tiers=AT_TOWN,
            inputs=(Input("plan", _l("Assistance plan"), to_field="plan"), COMMENT),
            limit="3日",
            counted_from=START,
            limit_label=_l("within 3 days of the community's report"),
        ),
        Transition(
            "revise_plan",
            _l("Revise the assistance plan"),
            BEFORE_EMPLOYMENT[1:] + ("escalated", "tracking"),
            "plan_made",
            roles=frozenset({TOWN, COMMUNITY}),
            inputs=(Input("plan", _l("Assistance plan"), to_field="plan"), REASON),
            waits=False,
        ),
        Transition(
            "assign_assistant",
            _l("Assign the employment assistant"),
            ("plan_made",),
            "assistant_assigned",
            roles=frozenset({TOWN}),
            tiers=AT_TOWN,
            inputs=(Input("assistant_name", _l("Employment assistant"), to_field="assistant_name"), COMMENT),
        ),
        Transition(
            "contact",
            _l("Contact the person"),
            ("assistant_assigned",),
            "contacted",
            roles=frozenset({TOWN, COMMUNITY}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(DATE, COMMENT),
            limit="2个工作日",
            limit_label=_l("within 2 working days of the assignment"),
        ),
        Transition(
            "sign_agreement",
            _l("Sign the assistance agreement"),
            ("contacted",),
            "agreement_signed",
            roles=frozenset({TOWN}),
            tiers=AT_TOWN,
            inputs=(
                Input(
                    "date", _l("Assistance agreement signed on"), kind="date", to_field="agreement_signed_on"
                ),
                COMMENT,
            ),
        ),
        Transition(
            "offer_jobs",
            _l("Offer jobs with an accompanied interview"),
            ("agreement_signed", "interview_followed_up", "escalated", "tracking"),
            "jobs_offered",
            roles=frozenset({TOWN, COMMUNITY, DISTRICT}),
            inputs=(
                DATE,
                Input("offers", _l("Jobs offered (employer and post)")),
                Input("offer_count", _l("Number of jobs offered"), kind="number", minimum=2),
                Input("comment", _l("Accompanied interview"), kind="comment"),
            ),
            limit="2日",
            counted_from=START,
            limit_label=_l("at least two jobs within 2 days of the community's report"),
        ),
        Transition(
            "follow_up_interview",
            _l("Follow up the interview"),
            ("jobs_offered",),
            "interview_followed_up",
            roles=frozenset({TOWN, COMMUNITY}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(DATE, Input("comment", _l("Interview result"), kind="comment")),
            limit="5日",
            limit_label=_l("a return visit 5 days after the interview"),
        ),
        Transition(
            "confirm_employment",
            _l("Confirm employment"),
            ("interview_followed_up",),
            "employed",
            roles=frozenset({TOWN, COMMUNITY}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(
                Input("date", _l("Employed on"), kind="date", to_field="employed_on"),
                Input("employer_name", _l("Employer"), to_field="employer_name"),
                COMMENT,
            ),
        ),
        Transition(
            "escalate",
            _l("Escalate to the district"),
            BEFORE_EMPLOYMENT,
            "escalated",
            roles=frozenset({TOWN}),
            tiers=AT_TOWN,
            inputs=(REASON,),
            waits=False,
        ),
        Transition(
            "place_public_welfare",
            _l("Place in a public-welfare post"),
            ("escalated", "interview_followed_up"),
            "employed",
            roles=frozenset({TOWN, DISTRICT}),
            tiers=AT_TOWN | AT_DISTRICT,
            inputs=(
                Input("date", _l("Employed on"), kind="date", to_field="employed_on"),
                Input("employer_name", _l("Public-welfare employer"), to_field="employer_name"),
                COMMENT,
            ),
        ),
        Transition(
            "notify_registration",
            _l("Tell the person to register employment"),
            ("employed",),
            "registration_notified",
            roles=frozenset({TOWN, COMMUNITY}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(DATE, Input("comment", _l("By telephone, home visit or letter"), kind="comment")),
            limit="3个工作日",
            limit_label=_l("within 3 working days of confirming employment"),
        ),
        Transition(
            "register_employment",
            _l("Employment registered"),
            ("registration_notified",),
            "registered",
            roles=frozenset({TOWN}),
            tiers=AT_TOWN,
            inputs=(DATE, COMMENT),
        ),
        Transition(
            "assess_stability",
            _l("Assess employment stability"),
            ("registered",),
            "tracking",
            roles=frozenset({TOWN, COMMUNITY}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(
                STABILITY,
                COMMENT,
            ),
        ),
        Transition(
            "reassess_stability",
            _l("Reassess employment stability"),
            ("tracking",),
            "tracking",
            roles=frozenset({TOWN, COMMUNITY}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(
                STABILITY,
                REASON,
            ),
            waits=False,
        ),
        Transition(
            "record_guidance",
            _l("Record a guidance session"),
            (
                "contacted",
                "agreement_signed",
                "jobs_offered",
                "interview_followed_up",
                "employed",
                "tracking",
            ),
            None,
            roles=frozenset({TOWN, COMMUNITY}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(DATE, Input("comment", _l("Guidance given (job retention, skills)"), kind="comment")),
            waits=False,
        ),
        Transition(
            "upgrade_training",
            _l("Arrange upgrade training"),
            ("tracking",),
            "tracking",
            roles=frozenset({TOWN, COMMUNITY}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(DATE, Input("comment", _l("Training course"), kind="comment")),
            waits=False,
        ),
        Transition(
            "close",
            _l("Close the case"),
            ("tracking",),
            "closed",
            roles=frozenset({TOWN}),
            tiers=AT_TOWN,
            inputs=(REASON,),
            waits=False,
        ),
    ),
)

# 公示 (CATALOG §7.1 PN-01, R-35): a generic notice of a batch of cases (app/notices.py). The week runs from
# the publication day; closing before it has passed is refused; objections return the case they concern.
PUBLIC_NOTICE = Workflow(
    ledger="public_notice",
    label=_l("Public notice"),
    source="PN-01; R-35; B-19",
    initial="draft",
    states=(
        State("draft", _l("Draft")),
        State("published", _l("Published")),
        State("closed", _l("Notice closed"), final=True),
    ),
    transitions=(
        Transition(
            "publish",
            _l("Publish the notice"),
            ("draft",),
            "published",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(Input("date", _l("Notice starts on"), kind="date"), COMMENT),
        ),
        Transition(
            "log_objection",
            _l("Log an objection"),
            ("published",),
            None,
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(
                DATE,
                Input("case", _l("Record number of the case objected to"), kind="number", required=False),
                Input("comment", _l("Objection"), kind="comment"),
            ),
            waits=False,
        ),
        Transition(
            "close",
            _l("Close the notice"),
            ("published",),
            "closed",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
            requires=("notice_period_over",),
            limit="7日",
            counted_from="publish",
            limit_label=_l("after the one-week notice"),
        ),
    ),
)

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

WORKFLOWS = (HARD_TO_EMPLOY, PUBLIC_NOTICE, DISTRICT_SUBSIDY)
