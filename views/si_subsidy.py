"""自谋职业 / 灵活就业 社会保险补贴 views: the applications with their SM-03 workflow, the street/town's
materials (CK-06c), the 花名册 (list actions: the street/town's to the district, the district's to the city, each
offered at its tier only), and the monthly deduction checks (R-39)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect
from flask_appbuilder.actions import action as bulk_action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import clock
from app.domain import si_subsidy
from app.io.download import download
from app.security.scope import OrgScopeFilter, current_actor
from app.web.ledger_view import PERMISSIONS, LedgerView
from models.si_subsidy import SiDeductionCheck, SiSubsidy
from seed.workflows.common import AT_DISTRICT, AT_TOWN


class SiSubsidyView(LedgerView):
    """自谋、灵活就业社会保险补贴台账 (享受社会保险补贴人员台账)."""

    datamodel = SQLAInterface(SiSubsidy)
    method_permission_name = {**PERMISSIONS, "roster": "write", "town_roster": "write"}
    action_tiers = {"roster": AT_DISTRICT, "town_roster": AT_TOWN}
    list_columns = ["person", "kind", "org", "applied_on", "months", "amount", "check_result"]
    search_columns = ["org", "kind", "applied_on", "check_result", "business_name"]
    add_columns = [
        "org",
        "person",
        "kind",
        "business_name",
        "licence_number",
        "business_address",
        "flexible_form",
        "applied_on",
        "months",
        "phone",
        "remarks",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "person")]
    label_columns = {
        "person": _l("Applicant"),
        "monthly_amount": _l("Monthly standard (yuan)"),
        "amount": _l("Subsidy amount (yuan)"),
    }
    show_exclude_columns = ["state", "rule_readings"]
    show_extra_template = "si_subsidy/amount.html"
    order_columns = ["applied_on", "amount"]
    base_order = ("applied_on", "desc")
    add_form_query_rel_fields = {"person": [["org_id", OrgScopeFilter, None]]}
    record_links = [
        (
            _l("Record a monthly deduction check"),
            "si_deduction_check",
            {"subsidy": "id", "expected_amount": "monthly_deduction"},
        )
    ]

    @bulk_action("roster", _l("Roster for the city"), None, "fa-list-ol", single=False)
    def roster(self, items: Any) -> Any:
        """《申请自谋职业（自主创业）人员花名册》 / 《申请灵活就业人员花名册》 of the ticked cases approved in the
        city system, from the district to the city bureau (RP-08, RP-09)."""
        return self.roster_file(
            items,
            si_subsidy.CITY_ROSTER,
            _("Tick cases approved in the city system for the roster"),
            _("Social-insurance subsidy roster"),
        )

    @bulk_action("town_roster", _l("Roster for the district"), None, "fa-list-ol", single=False)
    def town_roster(self, items: Any) -> Any:
        """《申请自谋、灵活就业社会保险补贴花名册》 of the ticked cases the street/town verified, reported to
        区劳动服务管理中心 with the application forms (SM-03 SUBMITTED_TO_DISTRICT, CK-06c)."""
        return self.roster_file(
            items,
            si_subsidy.TOWN_ROSTER,
            _("Tick cases verified by the street/town for the roster"),
            _("Social-insurance subsidy roster for the district"),
        )

    def roster_file(self, items: Any, roster: si_subsidy.Roster, none_ticked: str, title: str) -> Any:
        """The roster of the ticked cases at the roster's states (the rows come scoped from
        LedgerView.action_post); unmasked: it goes to the office above. Cases at other states are left off
        (a whole page may be ticked); cases outside the user's territory refuse the roster, with their count,
        rather than vanish from it unseen."""
        items = items if isinstance(items, list) else [items]
        outside = self.ticked_outside(items)
        if outside:
            flash(
                _("%(count)d ticked cases are outside your territory: no roster made", count=outside),
                "danger",
            )
            return redirect(self.get_redirect())
        cases = si_subsidy.roster_cases(items, roster)
        if not cases:
            flash(none_ticked, "warning")
            return redirect(self.get_redirect())
        user = current_actor()
        unit = user.org.name if getattr(user, "org", None) else ""
        today = clock.today()
        content = si_subsidy.roster_xlsx(cases, unit, today, roster, user)
        return download(content, f"{title}_{unit}_{today.isoformat()}.xlsx")


class SiDeductionCheckView(LedgerView):
    """社会保险补贴扣款核实记录 (R-39): one row per beneficiary and month."""

    datamodel = SQLAInterface(SiDeductionCheck)
    list_columns = ["subsidy", "org", "month", "expected_amount", "deducted_amount", "matches"]
    search_columns = ["org", "month"]
    add_columns = ["org", "subsidy", "month", "expected_amount", "deducted_amount", "note"]
    edit_columns = ["expected_amount", "deducted_amount", "note"]
    label_columns = {"matches": _l("Deduction matches")}
    order_columns = ["month"]
    base_order = ("month", "desc")
    add_form_query_rel_fields = {"subsidy": [["org_id", OrgScopeFilter, None]]}
