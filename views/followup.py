"""跟踪回访记录 views: the follow-ups of a territory, due first. The follow-up rules' hooks and
inbox items are the kernel's (app/services/followups.py)."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.web.ledger_view import LedgerView
from models.followup import FollowUp


class FollowUpView(LedgerView):
    """跟踪回访记录."""

    datamodel = SQLAInterface(FollowUp)
    label_columns = {"person": _l("Person followed up")}
    list_columns = [
        "person",
        "subject_ledger",
        "rule",
        "due_on",
        "done_on",
        "method",
        "stability",
        "next_due_on",
        "org",
    ]
    search_columns = ["rule", "due_on", "done_on", "method", "stability", "next_due_on", "org"]
    add_columns = [
        "org",
        "person",
        "rule",
        "due_on",
        "done_on",
        "method",
        "result",
        "stability",
        "next_due_on",
    ]
    order_columns = ["due_on", "done_on", "next_due_on"]
    base_order = ("due_on", "asc")
