"""督办通知 views: the notices with their answer step (the 超期督办 board opens the add form prefilled)."""

from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.web.ledger_view import LedgerView
from models.supervision import SupervisionNotice


class SupervisionNoticeView(LedgerView):
    """督办通知."""

    datamodel = SQLAInterface(SupervisionNotice)
    list_columns = [
        "subject",
        "org",
        "overdue_count",
        "sent_on",
        "sender_name",
        "answered_on",
        "answerer_name",
    ]
    search_columns = ["org", "subject", "sent_on", "answered_on"]
    add_columns = ["org", "subject", "content", "overdue_count"]
    edit_columns = ["subject", "content", "overdue_count"]
    show_exclude_columns = ["state"]
    order_columns = ["sent_on", "answered_on"]
    base_order = ("id", "desc")
