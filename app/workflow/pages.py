"""The 我的待办 page (and its navbar count) and the 超期督办 board with drill-down and Excel export."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import clock, ledger
from app.io.download import download
from app.security.scope import current_actor
from app.templating import person_name
from app.workflow import inbox, overdue
from models.org import OrgUnit


class InboxView(BaseView):
    """我的待办: steps waiting on the user, due follow-ups and duties, by deadline, overdue first marked."""

    route_base = "/inbox"
    class_permission_name = "inbox"
    method_permission_name = {"index": "read"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self) -> Any:
        today = clock.today()
        number = max(request.args.get("page", 0, type=int), 0)
        items = inbox.page(current_actor(), today, number)
        total = inbox_count()
        return self.render_template(
            "workflow/inbox.html",
            items=items,
            total=total,
            page=number,
            pages=max((total + inbox.PAGE_SIZE - 1) // inbox.PAGE_SIZE, 1),
            today=today,
            title=_l("My to-dos"),
        )


class OverdueBoardView(BaseView):
    """超期督办 for reviewers and inspectors."""

    route_base = "/overdue"
    class_permission_name = "overdue"
    method_permission_name = {"index": "read", "records": "read", "export": "read"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self) -> Any:
        today = clock.today()
        rows = overdue.overdue_counts(current_actor(), today)
        return self.render_template(
            "workflow/overdue.html", rows=rows, today=today, title=_l("Overdue board")
        )

    @expose("/records")
    @has_access
    def records(self) -> Any:
        today = clock.today()
        unit = ledger.session().get(OrgUnit, request.args.get("unit", 0, type=int))
        items = overdue.overdue_items(
            current_actor(), today, request.args.get("ledger"), request.args.get("step"), unit
        )
        return self.render_template(
            "workflow/overdue_records.html", items=items, today=today, title=_l("Overdue board")
        )

    @expose("/export")
    @has_access
    def export(self) -> Any:
        today = clock.today()
        user = current_actor()
        unit_name = user.org.name if user.org else ""
        content = overdue.workbook(overdue.overdue_items(user, today), today, unit_name, person_name(user))
        filename = f"{_('Overdue board')}_{unit_name}_{today.isoformat()}.xlsx"
        return download(content, filename, fallback="overdue")


def inbox_count() -> int:
    """The navbar badge: how many to-dos the user has (counted, not listed; once per request)."""
    if not hasattr(request, "inbox_count"):
        user = current_actor()
        signed_in = user is not None and user.is_authenticated
        request.inbox_count = inbox.count(user, clock.today()) if signed_in else 0  # type: ignore[attr-defined]
    return int(request.inbox_count)  # type: ignore[attr-defined]


def register_pages(appbuilder: Any) -> None:
    appbuilder.add_view(InboxView, "inbox", label=_l("My to-dos"), icon="fa-inbox")
    appbuilder.add_view(OverdueBoardView, "overdue", label=_l("Overdue board"), icon="fa-clock-o")
    current_app.context_processor(lambda: {"inbox_count": inbox_count})
