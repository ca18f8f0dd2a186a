"""The 我的待办 page (and its navbar count) and the 超期督办 board with drill-down and Excel export."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import current_app, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import clock, ledger
from app.dates import zh_date
from app.io.download import download
from app.ledger import registry
from app.security.access import user_may
from app.security.scope import current_actor, in_territory
from app.templating import person_name
from app.workflow import badge, inbox, overdue
from models.org import OrgUnit


class InboxView(BaseView):
    """我的待办: steps waiting on the user, due follow-ups and duties, one group (tab) at a time by deadline,
    overdue marked. Query parameters: kind=<group key> (a workflow ledger's name, followup, duty, ...;
    default the most overdue group), overdue=1, org=<org unit id> (its subtree), page=<n> (from 1)."""

    route_base = "/inbox"
    class_permission_name = "inbox"
    method_permission_name = {"index": "read"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self) -> Any:
        today, user = clock.today(), current_actor()
        units = child_units(user)
        org = picked_unit(user, units, request.args.get("org", type=int))
        wanted = inbox.Criteria(overdue=request.args.get("overdue") == "1", org=org)
        tabs = inbox.groups(user, today, wanted)
        if org is None and not wanted.overdue:  # the tabs are the whole inbox: they give the badge
            request.inbox_count = sum(tab.count for tab in tabs)  # type: ignore[attr-defined]
        kind = request.args.get("kind") or (tabs[0].key if tabs else None)
        current = next((tab for tab in tabs if tab.key == kind), None)
        total = (current.overdue if wanted.overdue else current.count) if current else 0
        pages = max((total + inbox.PAGE_SIZE - 1) // inbox.PAGE_SIZE, 1)
        number = min(max(request.args.get("page", 1, type=int), 1), pages)
        shown = inbox.Criteria(wanted.overdue, org, kind)
        items = inbox.page(user, today, shown, number - 1) if current else []
        return self.render_template(
            "workflow/inbox.html",
            tabs=tabs,
            current=current,
            items=items,
            units=units,
            org=org,
            overdue=wanted.overdue,
            total=total,
            page=number,
            pages=pages,
            args={"kind": kind, "org": org.id if org else None, "overdue": 1 if wanted.overdue else None},
            today=today,
            title=_l("My to-dos"),
        )


def child_units(user: Any) -> list[OrgUnit]:
    """The units one level below the user's (the unit filter's options; none for a community)."""
    org = getattr(user, "org", None)
    if org is None or org.level == "community":
        return []
    query = (
        select(OrgUnit).where(OrgUnit.parent_id == org.id, OrgUnit.active.is_(True)).order_by(OrgUnit.code)
    )
    return list(ledger.session().execute(query).scalars())


def picked_unit(user: Any, units: list[OrgUnit], org_id: int | None) -> OrgUnit | None:
    """The unit of the org filter: one of `units`, or any unit of the user's territory (a link from a home
    page may name a community to a district clerk); None when not given or outside."""
    if org_id is None:
        return None
    found = next((unit for unit in units if unit.id == org_id), None) or ledger.session().get(OrgUnit, org_id)
    return found if in_territory(found, user) else None


class OverdueBoardView(BaseView):
    """超期督办 for reviewers and inspectors."""

    route_base = "/overdue"
    class_permission_name = "overdue"
    method_permission_name = {"index": "read", "records": "read", "export": "read"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self) -> Any:
        today, user = clock.today(), current_actor()
        rows = overdue.overdue_counts(user, today)
        spec = registry.LEDGERS.get(overdue.NOTICES)
        view = registry.VIEWS[overdue.NOTICES].__name__ if spec is not None else None
        urge = f"{view}.add" if view and user_may(user, "can_write", overdue.NOTICES) else None
        return self.render_template(
            "workflow/overdue.html",
            rows=rows,
            urge=urge_links(rows, urge, today) if urge else None,
            notices=overdue.notices(user) if spec is not None else None,
            notice_view=view,
            today=today,
            title=_l("Overdue board"),
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


def urge_links(rows: list[overdue.BoardRow], endpoint: str, today: Any) -> list[str]:
    """Per board row, the 督办通知 add form prefilled with the unit, the count and the notice's words (the
    sentences translated once for the whole board, which may hold hundreds of rows)."""
    base, day = url_for(endpoint), zh_date(today)
    subject = _("Overdue: %(kind)s, %(step)s")
    content = _(
        "%(unit)s has %(n)s overdue items (%(kind)s, %(step)s) as of %(day)s. Please deal with them and answer"
        " with a written explanation within 3 working days."
    )
    links = []
    for row in rows:
        words = {
            "unit": row.unit.name,
            "n": row.count,
            "kind": row.kind_label,
            "step": row.step_label,
            "day": day,
        }
        query = {"org": row.unit.id, "overdue_count": row.count, "subject": subject % words}
        links.append(f"{base}?{urlencode({**query, 'content': content % words})}")
    return links


def inbox_count() -> int:
    """The navbar badge: how many to-dos the user has (counted, not listed; once per request)."""
    if not hasattr(request, "inbox_count"):
        user = current_actor()
        signed_in = user is not None and user.is_authenticated
        today = clock.today()
        number = badge.counted(user, today, lambda: inbox.count(user, today)) if signed_in else 0
        request.inbox_count = number  # type: ignore[attr-defined]
    return int(request.inbox_count)  # type: ignore[attr-defined]


def register_pages(appbuilder: Any) -> None:
    appbuilder.add_view(InboxView, "inbox", label=_l("My to-dos"), icon="fa-inbox")
    appbuilder.add_view(OverdueBoardView, "overdue", label=_l("Overdue board"), icon="fa-clock-o")
    current_app.context_processor(lambda: {"inbox_count": inbox_count})
    badge.install()
