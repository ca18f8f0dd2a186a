"""用人单位信息台账 views (CATALOG E04, CK-28)."""

from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.web.ledger_view import LedgerView
from models.employer import Employer


class EmployerView(LedgerView):
    """用人单位信息台账."""

    datamodel = SQLAInterface(Employer)
    list_columns = ["name", "credit_code", "org", "industry", "size", "hr_contact", "hr_phone", "employees"]
    search_columns = ["name", "credit_code", "org", "industry", "size", "ownership", "key_project"]
    add_columns = [
        "org",
        "credit_code",
        "name",
        "industry",
        "size",
        "ownership",
        "legal_representative",
        "hr_contact",
        "hr_phone",
        "address",
        "employees",
        "key_project",
        "key_enterprise",
        "new_build",
        "expansion",
        "construction_on",
        "completion_on",
        "ck14_license",
        "ck14_org_code",
        "ck14_agent_letter",
        "ck14_checked_on",
        "remarks",
    ]
    order_columns = ["name", "employees"]
    base_order = ("id", "desc")
