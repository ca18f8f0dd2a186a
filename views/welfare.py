"""公益性岗位 views: the 协管员 roster, the monthly pay with its SM-09 workflow and the monthly
《顺义区公益性专项补贴审批表》 (one record's month, the rows of the user's territory)."""

from __future__ import annotations

from typing import Any

from flask_appbuilder.baseviews import expose as view_expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import ledger
from app.domain import welfare
from app.io.download import download
from app.security.scope import OrgScopeFilter, current_actor, scope_query
from app.web.ledger_view import PERMISSIONS, LedgerView
from models.welfare import WelfarePayment, WelfarePostWorker


class WelfarePostWorkerView(LedgerView):
    """协管员花名册."""

    datamodel = SQLAInterface(WelfarePostWorker)
    list_columns = ["person", "org", "start_date", "contract_end", "base_wage", "floating_wage", "leave_date"]
    search_columns = ["org", "start_date", "contract_end", "leave_date"]
    add_columns = [
        "org",
        "person",
        "contract_start",
        "contract_end",
        "start_date",
        "probation_end",
        "base_wage",
        "floating_wage",
        "child_birth_date",
        "remarks",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "person")] + [
        "leave_date",
        "left_in_probation",
    ]
    order_columns = ["start_date", "contract_end"]
    base_order = ("start_date", "desc")
    label_columns = {"org": _l("Public-welfare employer")}
    add_form_query_rel_fields = {"person": [["org_id", OrgScopeFilter, None]]}
    record_links = [(_l("Calculate a month's pay"), "welfare_payment", {"org": "org_id", "worker": "id"})]


class WelfarePaymentView(LedgerView):
    """公益性岗位月度待遇台账."""

    datamodel = SQLAInterface(WelfarePayment)
    method_permission_name = {**PERMISSIONS, "approval_table": "read"}
    list_columns = ["worker", "org", "pay_month", "wage_total", "welfare_total", "net_pay", "subsidy_total"]
    search_columns = ["org", "pay_month"]
    add_columns = ["org", "worker", "pay_month", "remarks"]
    edit_columns = ["pay_month", "remarks"]
    show_exclude_columns = ["state", "items", "rule_readings"]
    # the computed pay (the model's derived amounts), not its JSON breakdown and parameter readings
    show_derived = tuple(
        name for name in WelfarePayment.__derived__ if name not in ("items", "rule_readings")
    )
    order_columns = ["pay_month", "subsidy_total"]
    base_order = ("pay_month", "desc")
    label_columns = {
        "wage_total": _l("Wages"),
        "welfare_total": _l("Welfare benefits"),
        "unit_contributions": _l("Unit contributions (insurance and housing fund)"),
        "individual_contributions": _l("Individual contributions (insurance and housing fund)"),
        "net_pay": _l("Net pay"),
        "subsidy_total": _l("Subsidy"),
    }
    add_form_query_rel_fields = {"worker": [["org_id", OrgScopeFilter, None]]}
    show_links = [(_l("Approval table of this month"), "WelfarePaymentView.approval_table", "id")]

    @view_expose("/approval_table/<pk>")
    @has_access
    def approval_table(self, pk: Any) -> Any:
        """《顺义区公益性专项补贴审批表》 of the record's month: every pay row of that month the user may see."""
        month = self.scoped_get(pk).pay_month
        query = select(WelfarePayment).where(
            WelfarePayment.pay_month == month, WelfarePayment.voided_at.is_(None)
        )
        user = current_actor()
        rows = list(ledger.session().execute(scope_query(query, WelfarePayment, user)).scalars())
        unit = user.org.name if getattr(user, "org", None) else ""
        content = welfare.approval_table(rows, month, unit)
        name = (
            f"{_('Shunyi District public-welfare special subsidy approval table')}_{unit}_{month:%Y-%m}.xlsx"
        )
        return download(content, name)
