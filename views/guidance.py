"""职业指导培训补贴 views: the guidance-training ledger (R-37) and the quarterly claims (SM-08, CK-09)."""

from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

import app.domain.guidance  # the telephone sample on the claim's workflow and page
from app.security.scope import OrgScopeFilter
from app.web.ledger_view import LedgerView
from models.guidance import GuidanceClaim, GuidanceTraining


class GuidanceTrainingView(LedgerView):
    """北京市职业指导培训手工台账."""

    datamodel = SQLAInterface(GuidanceTraining)
    list_columns = ["person", "org", "held_on", "minutes", "topic", "phone"]
    search_columns = ["org", "held_on", "topic"]
    add_columns = ["org", "person", "held_on", "minutes", "topic", "phone", "self_filled", "remarks"]
    edit_columns = ["held_on", "minutes", "topic", "phone", "self_filled", "remarks"]
    order_columns = ["held_on"]
    base_order = ("held_on", "desc")
    add_form_query_rel_fields = {"person": [["org_id", OrgScopeFilter, None]]}


class GuidanceClaimView(LedgerView):
    """职业指导培训补贴季度申报台账; its page lists the telephone sample (R-36) once drawn."""

    datamodel = SQLAInterface(GuidanceClaim)
    list_columns = ["org", "quarter", "submitted_on"]
    search_columns = ["org", "quarter", "submitted_on"]
    add_columns = ["org", "quarter", "submitted_on", "remarks"]
    edit_columns = ["submitted_on", "remarks"]
    show_exclude_columns = ["state", "quarter_end", "sample_seed", "sessions", "calls"]
    label_columns = {"sampled": _l("Sessions sampled for telephone calls")}
    show_extra_template = "guidance/sample.html"
    order_columns = ["quarter", "submitted_on"]
    base_order = ("quarter", "desc")

    @staticmethod
    def sample(claim: GuidanceClaim) -> list[app.domain.guidance.SampledCall]:
        return app.domain.guidance.sample_rows(claim)
