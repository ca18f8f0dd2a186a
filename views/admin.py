"""Kernel administration: the org tree, code lists and the change-history browser."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, g
from flask_appbuilder import ModelView
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app import codes
from app.ledger.display import ledger_label, masked_changes
from app.ledger.registry import LEDGERS, VIEWS
from app.security.scope import OrgUnitScopeFilter, current_actor, territory_path
from app.services.orgs import OrgRules
from app.templating import stored_text, user_name
from app.web.forms import blank_choice_first
from models.audit import AuditLog
from models.base import column_meta
from models.codes import CodeItem
from models.org import OrgUnit

ADMIN_MENU = _l("System")


class OrgUnitView(ModelView):
    """机构管理: add, rename and deactivate units; a unit with records is never deleted."""

    datamodel = SQLAInterface(OrgUnit)
    list_title = show_title = add_title = edit_title = _l("Org units")
    class_permission_name = "orgunit"
    route_base = "/orgunits"
    method_permission_name = {
        "list": "read",
        "show": "read",
        "add": "write",
        "edit": "write",
        "delete": "write",
        "action": "write",
        "action_post": "write",
    }
    base_filters = [["id", OrgUnitScopeFilter, None]]
    list_columns = ["code", "name", "level_label", "parent", "active"]
    show_columns = ["code", "name", "level_label", "parent", "active"]
    add_columns = ["parent", "code", "name"]
    edit_columns = ["name", "active"]
    search_columns = ["code", "name", "level", "active", "parent"]
    label_columns = {
        "level_label": _l("Tier"),
        "parent": _l("Parent unit"),
        "code": _l("Unit code"),
        "name": _l("Unit name"),
        "active": _l("Active"),
        "level": _l("Tier"),
    }
    add_form_query_rel_fields = {"parent": [["id", OrgUnitScopeFilter, None]]}
    search_form_query_rel_fields = add_form_query_rel_fields
    base_order = ("path", "asc")

    def _init_forms(self) -> None:
        super()._init_forms()
        blank_choice_first(self.add_form)

    def pre_add(self, item: OrgUnit) -> None:
        OrgRules.place(item)

    def pre_delete(self, item: OrgUnit) -> None:
        OrgRules.check_deletable(item)


class CodeItemView(ModelView):
    """字典管理: code-list items are added and deactivated; a referenced item is never deleted."""

    datamodel = SQLAInterface(CodeItem)
    list_title = show_title = add_title = edit_title = _l("Code lists")
    class_permission_name = "codeitem"
    route_base = "/codes"
    method_permission_name = OrgUnitView.method_permission_name
    label_columns = {meta.name: meta.label for meta in column_meta(CodeItem)}
    list_columns = ["list_title", "code", "label", "sort", "active"]
    show_columns = list_columns
    add_columns = ["list_key", "list_title", "code", "label", "sort", "active"]
    edit_columns = ["label", "sort", "active"]
    search_columns = ["list_key", "list_title", "code", "label", "active"]
    base_order = ("list_key", "asc")
    page_size = 50

    def post_add(self, item: CodeItem) -> None:
        codes.changed()

    def post_update(self, item: CodeItem) -> None:
        codes.changed()

    def pre_delete(self, item: CodeItem) -> None:
        users = [name for name, spec in LEDGERS.items() if codes.is_referenced(spec.model, item)]
        if users:
            raise ValueError(str(_l("This item is used by records; deactivate it instead")))

    def post_delete(self, item: CodeItem) -> None:
        codes.changed()
        flash(str(_l("Deleted")), "success")


class ScopedHistoryFilter(BaseFilter):
    """History rows of records in the user's territory."""

    name = _l("Within my territory")
    arg_name = "historyscope"

    def apply(self, query: Any, value: Any) -> Any:
        path = territory_path(current_actor())
        if path is None:
            return query.filter(False)
        if "/" not in path:
            return query
        return query.filter((AuditLog.row_org_path == path) | AuditLog.row_org_path.like(path + "/%"))


def changes_in_words(changes: Any) -> Any:
    """A history entry's changes as the record's own 变更历史 tab reads them (labels, code labels, org names,
    personal data masked), one line each; an entry of no known ledger as stored, masked."""
    ledger = g.get("history_ledger")
    view_class = VIEWS.get(ledger) if ledger else None
    view = next((v for v in current_app.appbuilder.baseviews if type(v) is view_class), None)  # type: ignore[attr-defined]
    if view is None or not isinstance(changes, dict):
        return masked_changes(changes)
    lines = [
        Markup("<b>{}</b>：{}{}").format(label, f"{old} → " if old not in (None, "") else "", new)
        for label, old, new in view.readable_changes(changes)
    ]
    return Markup("<br>").join(lines)


class AuditLogView(ModelView):
    """变更历史浏览: read-only for inspectors and admins; nobody can edit or delete history."""

    datamodel = SQLAInterface(AuditLog)
    list_title = show_title = _l("Change history")
    class_permission_name = "history"
    route_base = "/history"
    method_permission_name = {"list": "read", "show": "read"}
    base_permissions = ["can_read"]
    base_filters = [["row_org_path", ScopedHistoryFilter, None]]
    list_columns = [
        "at",
        "username",
        "user_org_name",
        "ledger",
        "row_id",
        "row_org_name",
        "action_label",
        "comment",
    ]
    show_columns = [*list_columns, "changes"]
    # personal data only for who may read it; who changed it by name
    formatters_columns = {
        "changes": changes_in_words,
        "username": user_name,
        "ledger": ledger_label,
        "comment": stored_text,
    }
    search_columns = ["at", "username", "ledger", "row_org_name", "action", "row_id"]
    label_columns = {
        "action_label": _l("Action"),
        "changes": _l("Changes"),
        "at": _l("Changed at"),
        "username": _l("Changed by"),
        "user_org_name": _l("Changed from org"),
        "ledger": _l("Ledger"),
        "row_id": _l("Record number"),
        "row_org_name": _l("Record org"),
        "action": _l("Action"),
        "comment": _l("Comment"),
    }
    base_order = ("at", "desc")
    page_size = 50

    def _get_show_widget(self, pk: Any, item: Any, **kwargs: Any) -> Any:
        g.history_ledger = item.ledger  # changes_in_words reads them with the entry's ledger's labels
        return super()._get_show_widget(pk, item, **kwargs)

    def action(self, name: str, pk: Any) -> Any:  # history has no actions: FAB's routes are not added
        abort(404)

    def action_post(self) -> Any:
        abort(404)


def register_admin(appbuilder: Any) -> None:
    appbuilder.add_view(
        OrgUnitView,
        "orgunits",
        label=_l("Org units"),
        icon="fa-sitemap",
        category="System",
        category_label=ADMIN_MENU,
    )
    appbuilder.add_view(
        CodeItemView,
        "codes",
        label=_l("Code lists"),
        icon="fa-list",
        category="System",
        category_label=ADMIN_MENU,
    )
    appbuilder.add_view(
        AuditLogView,
        "history",
        label=_l("Change history"),
        icon="fa-history",
        category="System",
        category_label=ADMIN_MENU,
    )
