"""角色管理 in words: FAB's role admin lists, shows and offers each permission as "what, on which page"
(查看 · 劳动力基础信息台账), not by its internal names ("can read on person"); FAB's role for anonymous visitors
(AUTH_ROLE_PUBLIC, given to nobody who logs in) stays out of the role lists and the user and group forms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from flask import current_app
from flask_appbuilder.baseviews import BaseCRUDView
from flask_appbuilder.models.sqla.filters import FilterNotEqual
from flask_appbuilder.security.views import RoleModelView
from flask_appbuilder.widgets import ListWidget, ShowWidget
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms.fields.core import UnboundField

# the permission names FAB and this application declare
PERMISSIONS = {
    "can_read": _l("View"),
    "can_list": _l("List"),
    "can_show": _l("Open a record"),
    "can_get": _l("View"),
    "can_write": _l("Add, edit and delete"),
    "can_add": _l("Add"),
    "can_edit": _l("Edit"),
    "can_delete": _l("Delete"),
    "can_void": _l("Void"),
    "can_restore": _l("Restore"),
    "can_step": _l("Do a workflow step"),
    "can_done": _l("Mark as done"),
    "can_download": _l("Download"),
    "can_view": _l("View unmasked"),
    "can_this_form_get": _l("Open the form"),
    "can_this_form_post": _l("Submit the form"),
    "can_userinfo": _l("View own account"),
    "userinfoedit": _l("Edit own account"),
    "resetmypassword": _l("Change own password"),
    "resetpasswords": _l("Reset a user's password"),
    "copyrole": _l("Copy a role"),
    "menu_access": _l("See in the menu"),
}
# the pages FAB and the security manager register without a menu entry or a list title
VIEWS = {
    "AuthDBView": _l("Login"),
    "HomeView": _l("Home"),
    "UtilView": _l("Back"),
    "LocaleView": _l("Language"),
    "SecurityApi": _l("Login API"),
    "MenuApi": _l("Menu API"),
    "OpenApi": _l("API description"),
    "SwaggerView": _l("API documentation"),
    "PersonalData": _l("Unmasked personal data"),
    "PublicBoardView": _l("Public page for screens"),
    "UserInfoEditView": _l("Own account"),
    "ResetPasswordView": _l("Reset a user's password"),
    "ResetMyPasswordView": _l("Change own password"),
    "LedgerUserView": _l("List Users"),
    "RoleModelView": _l("List Roles"),
    "UserGroupModelView": _l("List Groups"),
    "calendar_import": _l("Holiday import"),
    "duty": _l("Calendar duties done"),
    "jobs": _l("My background jobs"),
}


def view_label(name: str) -> str:
    """A permission's page in words: its menu entry's label, a list page's title, or VIEWS; else the name."""
    if name in VIEWS:
        return str(VIEWS[name])
    appbuilder = current_app.appbuilder  # type: ignore[attr-defined]
    item = appbuilder.menu.find(name)
    if item is not None and item.label:
        return gettext(str(item.label))
    for view in appbuilder.baseviews:
        if view.class_permission_name == name and isinstance(view, BaseCRUDView) and view.list_title:
            return str(view.list_title)
    return name


def permission_label(permission_view: Any) -> str:
    """查看 · 劳动力基础信息台账: what the permission allows, on which page."""
    name = permission_view.permission.name
    what = str(PERMISSIONS[name]) if name in PERMISSIONS else name
    return f"{what} · {view_label(permission_view.view_menu.name)}"


def permissions_by_page(permission_views: Iterable[Any]) -> Markup:
    """A role's permissions, one line per page: 劳动力基础信息台账：查看、新增、修改."""
    pages: dict[str, list[str]] = defaultdict(list)
    for permission_view in permission_views:
        name = permission_view.permission.name
        pages[view_label(permission_view.view_menu.name)].append(
            str(PERMISSIONS[name]) if name in PERMISSIONS else name
        )
    lines = (
        f"{escape(page)}：{escape('、'.join(sorted(set(whats))))}" for page, whats in sorted(pages.items())
    )
    return Markup("<br>").join(Markup(line) for line in lines)


def not_the_public_role() -> list[list[Any]]:
    """A query filter on roles (FAB's form `query_rel_fields`, a view's `base_filters`)."""
    return [["name", FilterNotEqual, current_app.config["AUTH_ROLE_PUBLIC"]]]


def label_permissions(form: Any) -> None:
    """The form's permission select offers each permission in words."""
    unbound = vars(form).get("permissions")
    if isinstance(unbound, UnboundField):
        unbound.kwargs["get_label"] = permission_label


class LedgerRoleView(RoleModelView):
    """角色管理: FAB's, with the permissions in words and without FAB's anonymous role."""

    class_permission_name = "RoleModelView"
    # FAB's generic widgets, which apply formatters_columns (its role widgets print the raw values; they only
    # differ for FAB_ROLES' built-in roles, which this application does not configure)
    list_widget = ListWidget
    show_widget = ShowWidget
    formatters_columns = {"permissions": permissions_by_page}
    label_columns = {
        "name": _l("Role name"),
        "permissions": _l("Permissions"),
        "user": _l("Users"),
        "groups": _l("Groups"),
    }

    def __init__(self, **kwargs: Any) -> None:
        self.base_filters = not_the_public_role()
        super().__init__(**kwargs)

    def _init_forms(self) -> None:
        super()._init_forms()
        for form in (self.add_form, self.edit_form, self.search_form):
            label_permissions(form)
