"""短信群发记录 views: the batches with their approval workflow, and the number file for the gateway.
Sending is the spec's (app/domain/sms.py)."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_appbuilder.baseviews import expose
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l

from app.domain import sms
from app.io.download import download
from app.ledger.display import can_see_pii
from app.rules.sms import number_file
from app.security.scope import OrgUnitScopeFilter
from app.web.ledger_view import PERMISSIONS, LedgerView
from models.sms import SmsBatch

UNITS = {"recipient_org": [["id", OrgUnitScopeFilter, None], ["active", FilterEqual, True]]}


class SmsBatchView(LedgerView):
    """短信群发记录."""

    datamodel = SQLAInterface(SmsBatch)
    method_permission_name = {**PERMISSIONS, "numbers": "read"}
    label_columns = {"recipient_org": _l("Recipients in unit")}
    list_columns = ["title", "segments", "recipient_count", "sent_on", "sent_count", "failed_count", "org"]
    search_columns = ["org", "title", "sent_on"]
    add_columns = [
        "org",
        "title",
        "content",
        "recipient_age_min",
        "recipient_age_max",
        "recipient_gender",
        "recipient_employment_status",
        "recipient_seekers_only",
        "recipient_min_experience",
        "recipient_org",
    ]
    edit_columns = [
        *add_columns[1:],
        "sent_count",
        "failed_count",
        "failed_numbers",
        "phone_call_note",
    ]
    show_exclude_columns = ["state"]
    order_columns = ["sent_on", "recipient_count"]
    base_order = ("id", "desc")
    add_form_query_rel_fields = UNITS
    edit_form_query_rel_fields = UNITS
    show_links = [(_l("Number file for the gateway (.txt)"), "SmsBatchView.numbers", "id")]

    @expose("/numbers/<pk>")
    @has_access
    def numbers(self, pk: Any) -> Any:
        """The gateway's upload file: one mobile number per line, nothing else (WF-41 step 4)."""
        batch = self.scoped_get(pk)
        if not can_see_pii():  # the file is nothing but personal phone numbers
            abort(403)
        body = number_file(sms.recipients(batch))
        name = f"sms_{batch.id}_numbers.txt"
        return download(body.encode("utf-8"), name)
