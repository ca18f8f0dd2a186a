"""用人单位信息台账, 走访实施方案, 用人单位走访 and 岗位信息 views (CATALOG E04, E09, E05)."""

from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.security.scope import OrgScopeFilter
from app.web.ledger_view import LedgerView
from models.employer import Employer
from models.vacancy import Vacancy
from models.visit import EmployerVisit, VisitPlan
from seed.codes.employer import VISIT_SOURCE

SCOPED = [["org_id", OrgScopeFilter, None]]


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


class VisitPlanView(LedgerView):
    """岗位（人力资源）信息开发实施方案."""

    datamodel = SQLAInterface(VisitPlan)
    list_columns = ["year", "quarter", "title", "org", "lead"]
    search_columns = ["year", "quarter", "title", "org", "lead"]
    add_columns = ["org", "title", "year", "quarter", "lead", "scope", "schedule", "remarks"]
    order_columns = ["year", "quarter"]
    base_order = ("id", "desc")


class EmployerVisitView(LedgerView):
    """用人单位走访台账; a vacancy collected on the visit is added from the visit's page."""

    datamodel = SQLAInterface(EmployerVisit)
    list_columns = ["employer", "org", "appointed_on", "planned_on", "actual_on", "visitors"]
    search_columns = ["employer", "org", "plan", "planned_on", "actual_on", "visitors"]
    add_columns = ["org", "employer", "plan", "appointed_on", "planned_on", "visitors", "needs", "remarks"]
    edit_columns = [
        "plan",
        "appointed_on",
        "planned_on",
        "visitors",
        "needs",
        "services",
        "record",
        "remarks",
    ]
    show_exclude_columns = ["state"]
    order_columns = ["appointed_on", "planned_on", "actual_on"]
    base_order = ("planned_on", "desc")
    add_form_query_rel_fields = {"employer": SCOPED, "plan": SCOPED}
    edit_form_query_rel_fields = {"plan": SCOPED}
    record_links = [
        (
            _l("Add a vacancy collected on this visit"),
            "vacancy",
            {"employer": "employer_id", "visit": "id", "source": "=" + VISIT_SOURCE},
        )
    ]
    list_links = [(_l("Quarterly visit analysis"), "VisitAnalysisView.index")]


class VacancyView(LedgerView):
    """岗位信息台账 (《企业招工信息登记表》)."""

    datamodel = SQLAInterface(Vacancy)
    list_columns = ["employer", "occupation", "headcount", "wage_min", "wage_max", "work_town", "valid_until"]
    search_columns = [
        "employer",
        "occupation",
        "category",
        "org",
        "work_town",
        "education",
        "skill_level",
        "skill_talent",
        "source",
        "valid_until",
    ]
    add_columns = [
        "org",
        "employer",
        "visit",
        "occupation",
        "category",
        "duties",
        "headcount",
        "wage_min",
        "wage_max",
        "benefits",
        "education",
        "age_min",
        "age_max",
        "skill_level",
        "skill_talent",
        "work_town",
        "work_address",
        "valid_from",
        "valid_until",
        "urgency",
        "source",
        "remarks",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "employer", "visit")]
    show_exclude_columns = ["state"]
    order_columns = ["occupation", "headcount", "wage_min", "valid_until"]
    base_order = ("id", "desc")
    towns = [["level", FilterEqual, "town"], ["active", FilterEqual, True]]
    add_form_query_rel_fields = {"employer": SCOPED, "visit": SCOPED, "work_town": towns}
    edit_form_query_rel_fields = {"work_town": towns}
    list_links = [(_l("Vacancy board"), "VacancyBoardView.index")]
    show_links = [
        (_l("Job matching"), "MatchingView.vacancy", "id"),
        (_l("Roster of referred persons"), "ReferralView.roster", "id"),
    ]
