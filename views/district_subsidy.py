"""区级就业再就业优惠政策 views: applications, their materials (CK-34) and the SM-07 workflow."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.web.ledger_view import LedgerView
from models.district_subsidy import DistrictSubsidy


class DistrictSubsidyView(LedgerView):
    """区级优惠政策申请台账."""

    datamodel = SQLAInterface(DistrictSubsidy)
    list_columns = ["applicant_name", "subsidy_type", "org", "applied_on", "quantity", "amount"]
    search_columns = ["org", "subsidy_type", "applicant_kind", "applicant_name", "applied_on"]
    add_columns = [
        "org",
        "subsidy_type",
        "applicant_kind",
        "applicant_name",
        "credit_code",
        "id_number",
        "quantity",
        "applied_on",
        "phone",
        "remarks",
    ]
    label_columns = {"amount": _l("Amount (yuan)")}
    show_exclude_columns = ["state"]
    show_extra_template = "district_subsidy/amount.html"
    order_columns = ["applied_on", "amount"]
    base_order = ("applied_on", "desc")
