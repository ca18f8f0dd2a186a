"""公示 views: the notice ledger (draft → published → closed), its printable page, .docx and .xlsx (masked),
the 花名册 for 区财政局, and the API that puts an approved batch of cases on notice (the list's 生成公示,
app/services/notice_views.py, calls the same notices.create_notice)."""

from __future__ import annotations

from typing import Any

from flask import abort, request
from flask_appbuilder.api import BaseApi, expose, safe
from flask_appbuilder.baseviews import expose as view_expose
from flask_appbuilder.models.sqla.filters import FilterIn
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access, protect
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import clock, ledger
from app.io.download import download
from app.ledger.display import can_see_pii
from app.ledger.registry import VIEWS
from app.security.scope import OrgScopeFilter
from app.services import notices
from app.web.ledger_view import PERMISSIONS, LedgerView
from models.notice import PublicNotice


class PublicNoticeView(LedgerView):
    """公示台账."""

    datamodel = SQLAInterface(PublicNotice)
    method_permission_name = {
        **PERMISSIONS,
        "printable": "read",
        "docx": "read",
        "xlsx": "read",
        "roster": "read",
    }
    list_columns = ["title", "org", "start_on", "end_on", "phone"]
    search_columns = ["org", "title", "start_on"]
    add_columns = ["org", "title", "body", "channels", "phone"]
    edit_columns = ["title", "body", "channels", "phone"]
    show_exclude_columns = ["state"]
    order_columns = ["start_on"]
    base_order = ("id", "desc")
    show_extra_template = "notice/entries.html"
    show_links = [
        (_l("Print"), "PublicNoticeView.printable", "id"),
        (_l("Download Word"), "PublicNoticeView.docx", "id"),
        (_l("Download Excel"), "PublicNoticeView.xlsx", "id"),
        (_l("Roster for the district finance bureau"), "PublicNoticeView.roster", "id"),
    ]

    @view_expose("/print/<pk>")
    @has_access
    def printable(self, pk: Any) -> Any:
        notice = self.scoped_get(pk)
        return self.render_template(
            "notice/print.html", notice=notice, rows=notices.public_rows(notice), headers=notices.headers()
        )

    @view_expose("/docx/<pk>")
    @has_access
    def docx(self, pk: Any) -> Any:
        notice = self.scoped_get(pk)
        return download(notices.docx_bytes(notice), f"{notice.title}.docx", fallback="notice")

    @view_expose("/xlsx/<pk>")
    @has_access
    def xlsx(self, pk: Any) -> Any:
        notice = self.scoped_get(pk)
        return download(notices.xlsx_bytes(notice), f"{notice.title}.xlsx", fallback="notice")

    @view_expose("/roster/<pk>")
    @has_access
    def roster(self, pk: Any) -> Any:
        """花名册 for 区财政局: the cases without objection (unmasked for roles that may see ID numbers)."""
        notice = self.scoped_get(pk)
        rows = notices.roster_rows(notice, unmasked=can_see_pii())
        title = _("Roster for the district finance bureau") + "：" + notice.title
        roster_label = _("Roster")
        name = f"{roster_label}_{notice.title}_{clock.today().isoformat()}.xlsx"
        return download(notices.xlsx_bytes(notice, rows, title), name, fallback="notice")


class NoticeBatchApi(BaseApi):
    """POST /api/v1/public_notice_batch/ {"ledger", "ids", "title"}: put approved cases on a new notice."""

    route_base = "/api/v1/public_notice_batch"
    resource_name = "public_notice_batch"
    class_permission_name = "public_notice"
    method_permission_name = {"create_batch": "write"}
    allow_browser_login = True

    @expose("/", methods=["POST"])
    @protect()
    @safe
    def create_batch(self) -> Any:
        body = request.get_json(silent=True) if request.is_json else None
        if not isinstance(body, dict):
            return self.response_400(message=_("Request is not JSON"))
        spec = ledger.LEDGERS.get(str(body.get("ledger", "")))
        ids = [i for i in body.get("ids") or [] if isinstance(i, int)]
        if spec is None or not notices.takes_notice(spec.workflow):
            return self.response_400(message=_("This ledger has no public notice step"))
        view = VIEWS[spec.name]
        filters = view.datamodel.get_filters().add_filter_list([["org_id", OrgScopeFilter, None]])
        _count, items = view.datamodel.query(filters.add_filter("id", FilterIn, ids))
        items = [item for item in items if item.voided_at is None]
        if len(items) != len(set(ids)):
            return self.response_404()
        session = view.datamodel.session
        try:
            notice = notices.create_notice(spec.model, items, str(body.get("title") or ""))
            session.commit()
        except ledger.LedgerError as exc:
            session.rollback()
            return self.response(
                403 if set(exc.errors) == {""} else 422,
                message={k or "_record": str(v) for k, v in exc.errors.items()},
            )
        return self.response(201, id=notice.id)


def register_views(appbuilder: Any) -> None:
    appbuilder.add_api(NoticeBatchApi)


__all__ = ["PublicNoticeView", "NoticeBatchApi", "abort"]
