"""岗位/人力资源信息开发 views (CATALOG E09; WF-02, WF-03, WF-47): the quarter's visit plans, the visits with
their workflow, and the per-town visit figures of a quarter with their Excel export (WF-02 step 6)."""

from __future__ import annotations

from typing import Any

from flask import abort, request
from flask_appbuilder import BaseView, expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l

from app import clock
from app.calendar.core import quarter_of
from app.io.download import download
from app.reports import employer_visits
from app.security.scope import OrgScopeFilter, current_actor
from app.web.ledger_view import LedgerView
from models.visit import EmployerVisit, VisitPlan
from seed.codes.employer import VISIT_SOURCE

SCOPED = [["org_id", OrgScopeFilter, None]]
STATISTICS_MENU = _l("Statistics and analysis")


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


class VisitAnalysisView(BaseView):
    """走访季度分析: the figures on a page, and the same as an xlsx workbook."""

    route_base = "/visit_analysis"
    class_permission_name = "employer_visit"
    method_permission_name = {"index": "read", "xlsx": "read"}
    default_view = "index"

    def period(self) -> tuple[int, int]:
        today = clock.today()
        try:
            year = int(request.args.get("year", today.year))
            quarter = int(request.args.get("quarter", quarter_of(today)))
        except ValueError:
            abort(400)
        if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
            abort(400)
        return year, quarter

    @expose("/")
    @has_access
    def index(self) -> Any:
        year, quarter = self.period()
        rows = employer_visits.quarter_rows(year, quarter, current_actor())
        return self.render_template(
            "employer/visit_analysis.html",
            title=employer_visits.TITLE,
            year=year,
            quarter=quarter,
            rows=rows,
            columns=employer_visits.COLUMNS,
        )

    @expose("/xlsx")
    @has_access
    def xlsx(self) -> Any:
        year, quarter = self.period()
        user = current_actor()
        rows = employer_visits.quarter_rows(year, quarter, user)
        unit = user.org.name if getattr(user, "org", None) else ""
        data = employer_visits.workbook(year, quarter, unit, rows)
        name = f"{employer_visits.TITLE}_{unit}_{year}Q{quarter}.xlsx"
        return download(data, name)


def register_views(appbuilder: Any) -> None:
    """The analysis under 统计分析 (who sees it: seed/roles.py "menus")."""
    appbuilder.add_view(
        VisitAnalysisView,
        "visit_analysis",
        label=_l("Quarterly visit analysis"),
        icon="fa-bar-chart",
        category="Statistics",
        category_label=STATISTICS_MENU,
    )
