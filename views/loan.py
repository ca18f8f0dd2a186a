"""小额担保贷款 views: loans (SM-04/05/06, materials by loan type), post-loan checks and interest subsidies."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.security.scope import OrgScopeFilter
from app.web.ledger_view import LedgerView
from models.loan import InterestSubsidy, Loan, PostLoanCheck


class LoanView(LedgerView):
    """小额担保贷款台账."""

    datamodel = SQLAInterface(Loan)
    list_columns = [
        "person",
        "enterprise_name",
        "loan_type",
        "org",
        "applied_on",
        "amount",
        "repayment_status",
    ]
    search_columns = ["org", "loan_type", "enterprise_name", "applied_on", "repayment_status", "bad_record"]
    add_columns = [
        "org",
        "loan_type",
        "person",
        "enterprise_name",
        "credit_code",
        "industry",
        "business",
        "applied_on",
        "amount",
        "purpose",
        "own_funds",
        "investment",
        "top_tier",
        "staff_count",
        "new_hires",
        "policy_discouraged",
        "capital_intensive",
        "credit_community",
        "remarks",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "person")] + [
        "guarantor",
        "bank",
        "term_months",
        "bad_record",
    ]
    label_columns = {"person": _l("Borrower")}
    show_exclude_columns = ["state"]
    order_columns = ["applied_on", "amount"]
    base_order = ("applied_on", "desc")
    add_form_query_rel_fields = {"person": [["org_id", OrgScopeFilter, None]]}
    # the start of the checks waits for the first post-loan check, the subsidy for the repayment
    record_links = [
        (_l("Record a post-loan check"), "post_loan_check", {"org": "org_id", "loan": "id"}),
        (_l("Apply for the interest subsidy"), "interest_subsidy", {"org": "org_id", "loan": "id"}),
    ]


class PostLoanCheckView(LedgerView):
    """贷后检查登记 (CK-07)."""

    datamodel = SQLAInterface(PostLoanCheck)
    list_columns = ["loan", "org", "checked_on", "method", "on_site", "major_change", "report_due_on"]
    search_columns = ["org", "checked_on", "method", "on_site", "major_change"]
    add_columns = [
        "org",
        "loan",
        "checked_on",
        "method",
        "on_site",
        *PostLoanCheck.ITEMS,
        "findings",
        "major_change",
        "issue_found_on",
        "written_report_on",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "loan")]
    label_columns = {"report_due_on": _l("Written report due")}
    order_columns = ["checked_on"]
    base_order = ("checked_on", "desc")
    add_form_query_rel_fields = {"loan": [["org_id", OrgScopeFilter, None]]}


class InterestSubsidyView(LedgerView):
    """贷款贴息审核 (R-28, CK-03)."""

    datamodel = SQLAInterface(InterestSubsidy)
    list_columns = ["loan", "org", "applied_on", "total_interest", "finance_approved_on"]
    search_columns = ["org", "applied_on", "finance_approved_on"]
    add_columns = ["org", "loan", "applied_on", "quarterly_interest", "remarks"]
    edit_columns = ["applied_on", "quarterly_interest", "remarks"]
    label_columns = {"total_interest": _l("Total interest (yuan)")}
    show_derived = ("total_interest",)
    show_exclude_columns = ["state"]
    order_columns = ["applied_on"]
    base_order = ("applied_on", "desc")
    add_form_query_rel_fields = {"loan": [["org_id", OrgScopeFilter, None]]}
