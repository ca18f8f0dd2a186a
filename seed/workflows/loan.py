"""The workflow of SM-04/05/06 小额担保贷款 and R-28 贴息, as data (the grammar: seed/workflows/common.py)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input, State, Transition, Workflow
from seed.workflows.common import AT_DISTRICT, AT_TOWN, COMMENT, DATE, DISTRICT, REASON, TOWN

# SM-04 / SM-05 / SM-06 小额担保贷款 (WF-09, WF-10, WF-55, WF-70; R-23..R-27; B-12). One workflow for the
# three loan types: a step only some types take says so with `only_for` (preconditions of app/domain/loan.py),
# so its deadline never opens on the others and it is nobody's to-do there. Steps with a time limit come
# in a district and a town version (town_…); the untimed ones are shared, and "handled_here" keeps the
# district loans at the district and the individual-business loans at the street/town. The guarantor's
# and the bank's own work is outside.
LOAN_STAFF, LOAN_TIERS = frozenset({DISTRICT, TOWN}), AT_DISTRICT | AT_TOWN
DISTRICT_LOAN, INDIVIDUAL_LOAN, LABOUR_INTENSIVE_LOAN = (
    ("district_loan",),
    ("individual_loan",),
    ("labour_intensive_loan",),
)
REPAYING = ("monitoring", "at_risk")
MATERIALS_DATE = Input("date", _l("Materials complete on"), kind="date", to_field="materials_complete_on")
FILE_DATE = Input("date", _l("Loan file created on"), kind="date", to_field="file_created_on")
DISBURSE_INPUTS = (
    Input("date", _l("Funds arrived on"), kind="date", to_field="disbursed_on"),
    Input("term_months", _l("Loan term (months)"), kind="number", minimum=1, to_field="term_months"),
    COMMENT,
)


def district_step(*args: Any, **kwargs: Any) -> Transition:
    """A step of the district's loan staff (区级经办), done at the district."""
    return Transition(*args, roles=frozenset({DISTRICT}), tiers=AT_DISTRICT, **kwargs)


def town_step(*args: Any, **kwargs: Any) -> Transition:
    """A step of the street/town's loan staff (街镇经办), done at the street/town."""
    return Transition(*args, roles=frozenset({TOWN}), tiers=AT_TOWN, **kwargs)


LOAN = Workflow(
    ledger="loan",
    label=_l("Guaranteed loan"),
    source="SM-04, SM-05, SM-06; WF-09, WF-10, WF-55, WF-70; R-23..R-27; B-12",
    start_field="applied_on",
    initial="inquiry",
    states=(
        State("inquiry", _l("Application received")),
        State("field_verified", _l("Verified on site")),
        State("materials_complete", _l("Materials complete")),
        State("reviewed", _l("Reviewed")),
        State("certified", _l("Labour-intensive enterprise certified")),
        State("re_review", _l("With the district finance bureau for re-review")),
        State("re_reviewed", _l("Re-reviewed by the district finance bureau")),
        State("opinion_signed", _l("Opinion signed")),
        State("bank_notified", _l("Bank has notified the street/town")),
        State("disbursed", _l("Funds arrived")),
        State("checking", _l("Post-loan checks started")),
        State("monitoring", _l("Loan file created; monitoring")),
        State("at_risk", _l("Repayment at risk")),
        State("repaid_on_time", _l("Repaid on time"), final=True),
        State("repaid_early", _l("Repaid early"), final=True),
        State("compensated", _l("Repaid by the guarantor")),
        State("recourse", _l("Recourse against the borrower")),
        State("closed", _l("Closed"), final=True),
        State("rejected", _l("Rejected"), final=True),
    ),
    transitions=(
        town_step(
            "verify_on_site",
            _l("Verify on site (home, community and business premises)"),
            ("inquiry",),
            "field_verified",
            inputs=(DATE, Input("comment", _l("What the visits found"), kind="comment")),
            only_for=INDIVIDUAL_LOAN,
            limit="5个工作日",
            limit_label=_l("within 5 working days of receiving the application materials"),
        ),
        district_step(
            "complete_materials",
            _l("Materials complete"),
            ("inquiry",),
            "materials_complete",
            inputs=(MATERIALS_DATE, COMMENT),
            only_for=DISTRICT_LOAN,
            needs_materials=True,
        ),
        town_step(
            "town_complete_materials",
            _l("Materials complete"),
            ("field_verified",),
            "materials_complete",
            inputs=(MATERIALS_DATE, COMMENT),
            only_for=INDIVIDUAL_LOAN,
            needs_materials=True,
        ),
        district_step(
            "review",
            _l("Review the materials"),
            ("materials_complete",),
            "reviewed",
            inputs=(COMMENT,),
            only_for=DISTRICT_LOAN,
            needs_materials=True,
            limit="5个工作日",
            limit_label=_l("within 5 working days of the materials being complete"),
        ),
        town_step(
            "town_review",
            _l("Review the materials"),
            ("materials_complete",),
            "reviewed",
            inputs=(COMMENT,),
            only_for=INDIVIDUAL_LOAN,
            needs_materials=True,
            limit="5个工作日",
            limit_label=_l("within 5 working days of the materials being complete"),
        ),
        Transition(
            "reject",
            _l("Reject the application"),
            ("inquiry", "field_verified", "materials_complete", "reviewed", "certified", "re_review"),
            "rejected",
            roles=LOAN_STAFF,
            tiers=LOAN_TIERS,
            inputs=(REASON,),
            requires=("handled_here",),
            waits=False,
        ),
        district_step(
            "certify",
            _l("Issue the labour-intensive enterprise certificate"),
            ("reviewed",),
            "certified",
            inputs=(
                Input("date", _l("Certificate issued on"), kind="date", to_field="certified_on"),
                COMMENT,
            ),
            only_for=LABOUR_INTENSIVE_LOAN,
        ),
        district_step(
            "send_for_re_review",
            _l("Send to the district finance bureau for re-review"),
            ("certified",),
            "re_review",
            inputs=(DATE, COMMENT),
            only_for=LABOUR_INTENSIVE_LOAN,
        ),
        district_step(
            "re_review_passed",
            _l("Re-review passed by the district finance bureau"),
            ("re_review",),
            "re_reviewed",
            inputs=(DATE, Input("comment", _l("Finance bureau reference"), kind="comment")),
            only_for=LABOUR_INTENSIVE_LOAN,
        ),
        town_step(
            "sign_opinion",
            _l("Sign the opinion on the application and recommendation form"),
            ("reviewed",),
            "opinion_signed",
            inputs=(DATE, COMMENT),
            only_for=INDIVIDUAL_LOAN,
        ),
        town_step(
            "report_to_district",
            _l("Report to the district labour service centre"),
            ("opinion_signed",),
            None,
            inputs=(
                Input("date", _l("Reported on"), kind="date", to_field="reported_to_district_on"),
                COMMENT,
            ),
            only_for=INDIVIDUAL_LOAN,
        ),
        town_step(
            "send_to_guarantor",
            _l("Send the materials to the guarantor"),
            ("opinion_signed",),
            None,
            inputs=(
                Input("date", _l("Sent on"), kind="date", to_field="sent_to_guarantor_on"),
                Input("guarantor", _l("Guarantor"), to_field="guarantor"),
                COMMENT,
            ),
            only_for=INDIVIDUAL_LOAN,
        ),
        town_step(
            "bank_notified",
            _l("Bank's notice received"),
            ("opinion_signed",),
            "bank_notified",
            inputs=(DATE, Input("bank", _l("Lending bank"), to_field="bank"), COMMENT),
            only_for=INDIVIDUAL_LOAN,
            requires=("handed_over",),
        ),
        district_step(
            "disburse",
            _l("Funds arrived"),
            ("reviewed", "re_reviewed"),
            "disbursed",
            inputs=DISBURSE_INPUTS,
            only_for=DISTRICT_LOAN,
            requires=("ready_to_disburse",),
        ),
        town_step(
            "town_disburse",
            _l("Funds arrived"),
            ("bank_notified",),
            "disbursed",
            inputs=DISBURSE_INPUTS,
            only_for=INDIVIDUAL_LOAN,
        ),
        district_step(
            "start_checks",
            _l("Start the post-loan checks"),
            ("disbursed",),
            "checking",
            inputs=(COMMENT,),
            only_for=DISTRICT_LOAN,
            requires=("first_check_recorded",),
            limit="7个工作日",
            limit_label=_l("within 7 working days of the funds arriving"),
        ),
        town_step(
            "start_town_checks",
            _l("Start the monthly post-loan checks"),
            ("disbursed",),
            "checking",
            inputs=(COMMENT,),
            only_for=INDIVIDUAL_LOAN,
            requires=("first_check_recorded",),
            limit="7个工作日",
            limit_label=_l("within 7 working days of the funds arriving"),
        ),
        district_step(
            "create_file",
            _l("Create the loan file"),
            ("checking",),
            "monitoring",
            inputs=(FILE_DATE, COMMENT),
            only_for=DISTRICT_LOAN,
            limit="10个工作日",
            counted_from="disburse",
            limit_label=_l("within 10 working days of the disbursement"),
        ),
        town_step(
            "town_create_file",
            _l("Create the loan file"),
            ("checking",),
            "monitoring",
            inputs=(FILE_DATE, COMMENT),
            only_for=INDIVIDUAL_LOAN,
            limit="10个工作日",
            counted_from="town_disburse",
            limit_label=_l("within 10 working days of the disbursement"),
        ),
        Transition(
            "flag_at_risk",
            _l("Business seriously changed: repayment at risk"),
            ("monitoring",),
            "at_risk",
            roles=LOAN_STAFF,
            tiers=LOAN_TIERS,
            inputs=(REASON,),
            requires=("handled_here",),
            waits=False,
        ),
        Transition(
            "repaid_on_time",
            _l("Repaid on time"),
            REPAYING,
            "repaid_on_time",
            roles=LOAN_STAFF,
            tiers=LOAN_TIERS,
            inputs=(DATE, COMMENT),
            requires=("handled_here",),
            waits=False,
        ),
        Transition(
            "repaid_early",
            _l("Repaid early"),
            REPAYING,
            "repaid_early",
            roles=LOAN_STAFF,
            tiers=LOAN_TIERS,
            inputs=(DATE, COMMENT),
            requires=("handled_here",),
            waits=False,
        ),
        Transition(
            "compensate",
            _l("Repaid by the guarantor (compensation)"),
            REPAYING,
            "compensated",
            roles=LOAN_STAFF,
            tiers=LOAN_TIERS,
            inputs=(DATE, Input("comment", _l("Repayment plan agreed"), kind="comment")),
            requires=("handled_here",),
            waits=False,
        ),
        Transition(
            "start_recourse",
            _l("Recourse: help the guarantor and bank recover the loan"),
            ("compensated",),
            "recourse",
            roles=LOAN_STAFF,
            tiers=LOAN_TIERS,
            inputs=(DATE, Input("comment", _l("Pledged or mortgaged assets disposed of"), kind="comment")),
            requires=("handled_here",),
            waits=False,
        ),
        Transition(
            "close",
            _l("Close the case"),
            ("recourse",),
            "closed",
            roles=LOAN_STAFF,
            tiers=LOAN_TIERS,
            inputs=(REASON,),
            requires=("handled_here",),
            waits=False,
        ),
    ),
)

# R-28 贴息审核 (WF-09 step 6, WF-10 step 4; CK-03; RP-10): reviewed by the district, approved by 区财政.
INTEREST_SUBSIDY = Workflow(
    ledger="interest_subsidy",
    label=_l("Loan interest subsidy"),
    source="R-28; WF-09, WF-10; CK-03; RP-10",
    start_field="applied_on",
    initial="submitted",
    states=(
        State("submitted", _l("Submitted")),
        State("reviewed", _l("Reviewed")),
        State("sent_to_finance", _l("Sent to the district finance bureau")),
        State("approved", _l("Approved by the finance bureau"), final=True),
        State("rejected", _l("Rejected"), final=True),
    ),
    transitions=(
        district_step(
            "review",
            _l("Review the interest-subsidy materials"),
            ("submitted",),
            "reviewed",
            inputs=(COMMENT,),
            needs_materials=True,
            requires=("subsidy_loan_eligible",),
        ),
        district_step(
            "reject",
            _l("Reject the application"),
            ("submitted", "reviewed"),
            "rejected",
            inputs=(REASON,),
            waits=False,
        ),
        district_step(
            "send_to_finance",
            _l("Send to the district finance bureau"),
            ("reviewed",),
            "sent_to_finance",
            inputs=(DATE, COMMENT),
        ),
        district_step(
            "finance_approve",
            _l("Finance bureau approval received"),
            ("sent_to_finance",),
            "approved",
            inputs=(
                Input("date", _l("Approved on"), kind="date", to_field="finance_approved_on"),
                Input("approval_ref", _l("Approval reference"), to_field="approval_ref"),
            ),
        ),
    ),
)
