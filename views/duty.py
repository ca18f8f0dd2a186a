"""日历性职责: the administrator's list of recurring duties (data, editable) and the 办结 action that a
clerk fires from an inbox item. The duties' inbox items are
app/services/duties.py's."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request
from flask_appbuilder import BaseView, ModelView, expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from app import clock, ledger
from app.security.scope import current_actor
from app.services import duties
from app.templating import manual_reference
from models.base import column_meta
from models.duty import Duty
from models.org import LEVELS
from views.admin import ADMIN_MENU, OrgUnitView


class TierSelectField(SelectField):
    """District, street/town or community (the levels of the org tree)."""

    def __init__(self, label: Any = None, **kwargs: Any):
        super().__init__(label, **kwargs)
        self.choices = list(LEVELS.items())


class DutyAdminView(ModelView):
    """日历性职责管理: dates, lead days and tiers of the recurring duties; deactivate instead of delete."""

    datamodel = SQLAInterface(Duty)
    list_title = show_title = add_title = edit_title = _l("Recurring duties")
    class_permission_name = "dutyadmin"
    route_base = "/dutyadmin"
    method_permission_name = OrgUnitView.method_permission_name
    label_columns = {meta.name: meta.label for meta in column_meta(Duty)} | {
        "tier_label": _l("Tier"),
        "frequency_label": _l("Frequency"),
    }
    description_columns = {meta.name: meta.description for meta in column_meta(Duty) if meta.description}
    list_columns = ["code", "name", "tier_label", "frequency_label", "anchor", "lead_days", "active"]
    show_columns = [
        "code",
        "name",
        "tier_label",
        "frequency_label",
        "anchor",
        "lead_days",
        "source",
        "active",
    ]
    add_columns = ["code", "name", "tier", "anchor", "lead_days", "source", "active"]
    edit_columns = ["name", "tier", "anchor", "lead_days", "source", "active"]
    search_columns = ["code", "name", "tier", "frequency", "active"]
    formatters_columns = {"source": manual_reference}
    add_form_extra_fields = {"tier": TierSelectField(_l("Tier"))}
    edit_form_extra_fields = add_form_extra_fields
    base_order = ("code", "asc")
    page_size = 50

    def pre_add(self, item: Duty) -> None:
        duties.check_duty(item)

    pre_update = pre_add

    def pre_delete(self, item: Duty) -> None:
        raise ValueError(str(_l("Deactivate a duty instead of deleting it")))


class DutyDoneView(BaseView):
    """办结: a clerk records that their unit has done a duty for a period."""

    route_base = "/duties"
    class_permission_name = "duty"
    method_permission_name = {"done": "done"}
    default_view = "done"

    @expose("/<int:duty_id>/done", methods=["POST"])
    @has_access
    def done(self, duty_id: int) -> Any:
        duty = self.appbuilder.session.get(Duty, duty_id)
        period = request.values.get("period", "")
        try:
            if duty is None:
                raise ledger.LedgerError({"": _l("This duty is not one of your unit's")})
            duties.mark_done(current_actor(), duty, period, clock.today(), request.form.get("note", ""))
            self.appbuilder.session.commit()
            flash(str(_l("Done: %(duty)s (%(period)s)", duty=duty.name, period=period)), "success")
        except ledger.LedgerError as exc:
            self.appbuilder.session.rollback()
            flash(str(exc), "danger")
        return redirect(request.referrer or self.appbuilder.get_url_for_index)


def register_views(appbuilder: Any) -> None:
    appbuilder.add_view(
        DutyAdminView,
        "dutyadmin",
        label=_l("Recurring duties"),
        icon="fa-calendar",
        category="System",
        category_label=ADMIN_MENU,
    )
    appbuilder.add_view_no_menu(DutyDoneView)
