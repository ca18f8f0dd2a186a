"""洽谈会 and 参会单位 views (CATALOG E28; WF-26; R-57; CK-19; FU-04)."""

from __future__ import annotations

from typing import Any

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.domain import job_fair
from app.security.scope import OrgScopeFilter
from app.web.ledger_view import LedgerView
from models.job_fair import JobFair, JobFairParticipation

SCOPED = [["org_id", OrgScopeFilter, None]]


class JobFairView(LedgerView):
    """洽谈会台账: the fair's R-57 dates and the participants still without a receipt on its page."""

    datamodel = SQLAInterface(JobFair)
    list_columns = ["held_on", "title", "fair_type", "venue", "org", "accepted_on", "published_on"]
    search_columns = ["title", "fair_type", "held_on", "venue", "org", "accepted_on"]
    add_columns = [
        "org",
        "title",
        "fair_type",
        "held_on",
        "starts_at",
        "venue",
        "accepted_on",
        "organizer",
        "remarks",
    ]
    edit_columns = ["title", "fair_type", "held_on", "starts_at", "venue", "organizer", "remarks"]
    show_exclude_columns = ["state"]
    order_columns = ["held_on", "accepted_on", "published_on"]
    base_order = ("held_on", "desc")
    show_extra_template = "job_fair/fair.html"
    record_links = [(_l("Add a participating employer"), "job_fair_participation", {"fair": "id"})]

    def fair_context(self, item: Any) -> dict[str, Any]:
        return job_fair.fair_context(item)


class JobFairParticipationView(LedgerView):
    """参会单位台账 (申报材料 CK-19, 展位, 回执, 招录结果, 跟踪记录)."""

    datamodel = SQLAInterface(JobFairParticipation)
    list_columns = ["fair", "employer", "org", "booth", "receipt_on", "hiring_result", "hired"]
    search_columns = ["fair", "employer", "org", "booth", "receipt_on", "hiring_result"]
    add_columns = [
        "org",
        "fair",
        "employer",
        "booth",
        "receipt_on",
        "hiring_result",
        "hired",
        "followup_note",
        "remarks",
    ]
    edit_columns = ["booth", "receipt_on", "hiring_result", "hired", "followup_note", "remarks"]
    order_columns = ["receipt_on", "hired"]
    base_order = ("id", "desc")
    add_form_query_rel_fields = {"fair": SCOPED, "employer": SCOPED}
    show_extra_template = "job_fair/participation.html"

    def receipt_state(self, item: Any) -> dict[str, Any]:
        return {"due": job_fair.timings(item.fair).receipts_due, "overdue": job_fair.receipt_overdue(item)}
