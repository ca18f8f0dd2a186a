"""What a ledger view gets when its workflow can put cases on a public notice (app/services/notices.py NOTICE_STEP):
the list action 生成公示 — tick approved cases, give the notice's title, and the draft notice is made by
`notices.create_notice` (the same function as the batch API); the clerk lands on the notice's page.
Inert for ledgers whose workflow has no notice step."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, request, url_for
from flask_appbuilder.actions import action as bulk_action
from flask_babel import lazy_gettext as _l

from app import ledger
from app.services import notices

NOTICE_ACTION = "notice_selected"
NOTICE_PERMISSIONS = {NOTICE_ACTION: "write"}


class NoticeBatchViewMixin:
    """Mixed into LedgerView."""

    def drop_notice_action(self) -> None:
        if not notices.takes_notice(self.workflow):  # type: ignore[attr-defined]
            self.actions.pop(NOTICE_ACTION, None)  # type: ignore[attr-defined]

    @bulk_action(NOTICE_ACTION, _l("Generate public notice"), "", "fa-bullhorn", single=False)
    def notice_selected(self, items: list[Any]) -> Any:
        """First the form asking the notice's title, then the draft notice (or the refusals, on the list)."""
        if not notices.takes_notice(self.workflow):  # type: ignore[attr-defined]
            abort(404)
        back = url_for(f"{type(self).__name__}.list")
        if not current_app.appbuilder.sm.has_access("can_write", "public_notice"):  # type: ignore[attr-defined]
            flash(str(_l("You may not make public notices")), "danger")
            return redirect(back)
        items = [item for item in items if item.voided_at is None]
        if "title" not in request.form and items:
            return self.notice_form(items)
        session = self.datamodel.session  # type: ignore[attr-defined]
        model = self.datamodel.obj  # type: ignore[attr-defined]
        try:
            notice = notices.create_notice(model, items, request.form.get("title", ""))
            session.commit()
        except ledger.LedgerError as exc:
            session.rollback()
            if "title" in exc.errors:
                flash(f"{_l('Notice title')}：{exc.errors['title']}", "danger")
                return self.notice_form(items)
            for message in exc.errors.values():
                flash(str(message), "danger")
            return redirect(back)
        flash(
            str(_l("Draft notice made with %(count)d cases; publish it from here", count=len(items))),
            "success",
        )
        return redirect(url_for("PublicNoticeView.show", pk=notice.id))

    def notice_form(self, items: list[Any]) -> Any:
        return self.render_template(  # type: ignore[attr-defined]
            "notice/batch.html",
            items=items,
            title=self.list_title,  # type: ignore[attr-defined]
            action=NOTICE_ACTION,
        )
