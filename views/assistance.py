"""就业困难人员服务台帐 views: the assistance cases of the street/town and its communities."""

from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.security.scope import OrgScopeFilter
from app.web.ledger_view import LedgerView
from models.assistance import HardToEmployCase


class HardToEmployCaseView(LedgerView):
    """就业困难人员服务台帐."""

    datamodel = SQLAInterface(HardToEmployCase)
    list_columns = [
        "person",
        "category",
        "org",
        "reported_on",
        "assistant_name",
        "employer_name",
        "stability",
    ]
    search_columns = ["org", "category", "reported_on", "assistant_name", "stability"]
    add_columns = ["org", "person", "category", "reported_on", "remarks"]
    edit_columns = ["category", "reported_on", "plan", "assistant_name", "remarks"]
    show_exclude_columns = ["state"]
    order_columns = ["reported_on"]
    base_order = ("reported_on", "desc")
    add_form_query_rel_fields = {"person": [["org_id", OrgScopeFilter, None]]}
