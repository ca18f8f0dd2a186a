"""The security manager: FAB's, with users that belong to an org unit and a user admin view that
enforces the password policy and the admin's own territory."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, has_request_context, session
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView, UserGroupModelView
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from app.security import login_limits, sessions
from app.security.access import user_may
from app.security.password_views import ResetMyPasswordView
from app.security.role_view import LedgerRoleView, not_the_public_role
from app.security.scope import OrgUnitScopeFilter
from models.user import LedgerUser


class PublicRoleHidden:
    """A user or group form whose role select leaves out FAB's anonymous role (given to nobody who logs in)."""

    add_form_query_rel_fields: dict[str, Any] = {}
    edit_form_query_rel_fields: dict[str, Any] = {}

    def __init__(self, **kwargs: Any) -> None:
        roles = {"roles": not_the_public_role()}
        self.add_form_query_rel_fields = {**self.add_form_query_rel_fields, **roles}
        self.edit_form_query_rel_fields = {**self.edit_form_query_rel_fields, **roles}
        super().__init__(**kwargs)


class LedgerUserView(PublicRoleHidden, UserDBModelView):
    """账号管理: FAB's user admin plus the user's org unit."""

    label_columns = {**UserDBModelView.label_columns, "org": _l("Org unit")}
    list_columns = ["username", "first_name", "last_name", "org", "roles", "active"]
    show_fieldsets = [
        (
            _l("User info"),
            {"fields": ["username", "first_name", "last_name", "email", "org", "active", "roles"]},
        ),
        (_l("Audit"), {"fields": ["last_login", "login_count", "fail_login_count", "created_on"]}),
    ]
    # 个人信息 (/users/userinfo/, every role): only columns of show_fieldsets (FAB's own listed one that is not)
    user_show_fieldsets = [
        (_l("User info"), {"fields": ["username", "org", "roles", "last_login"]}),
        (_l("Personal Info"), {"fields": ["first_name", "last_name", "email"], "expanded": True}),
    ]
    description_columns = {
        **UserDBModelView.description_columns,
        "first_name": _l("The person's given name, or their whole name"),
        "last_name": _l("The person's family name"),
        "username": _l("The name the person logs in with"),
        "email": _l("The person's e-mail address"),
        "roles": _l("What the person may do: each role grants its permissions"),
        "groups": _l("User groups grant roles too; roles are usually given directly"),
    }
    add_columns = [*UserDBModelView.add_columns, "org"]
    edit_columns = ["first_name", "last_name", "username", "active", "email", "roles", "org"]
    add_form_query_rel_fields: dict[str, Any] = {"org": [["id", OrgUnitScopeFilter, None]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_columns = ["username", "first_name", "last_name", "org", "active"]

    def _init_forms(self) -> None:
        """The unit select starts with "请选择" (FAB's blank choice shows its internal value "__None")."""
        super()._init_forms()
        for form in (self.add_form, self.edit_form):
            vars(form)["org"].kwargs["blank_text"] = _l("Please choose")


class LedgerGroupView(PublicRoleHidden, UserGroupModelView):
    """用户组: FAB's, with its columns labelled (under FAB's permission name, which the roles grant)."""

    class_permission_name = "UserGroupModelView"

    label_columns = {
        "name": _l("Name"),
        "label": _l("Label"),
        "description": _l("Description"),
        "roles": _l("Roles"),
        "users": _l("Users"),
    }


class LedgerSecurityManager(SecurityManager):
    user_model = LedgerUser
    userdbmodelview = LedgerUserView
    groupmodelview = LedgerGroupView
    rolemodelview = LedgerRoleView
    userstatschartview = None  # FAB's chart loads Google Charts from the internet (docs/architecture.md)
    resetmypasswordview = ResetMyPasswordView

    @property
    def is_auth_limited(self) -> bool:
        """FAB's own login limit counts every POST: ours (login_limits) counts failures only."""
        return False

    def register_views(self) -> None:
        super().register_views()
        if current_app.config["AUTH_RATE_LIMITED"]:
            api = next(view for view in self.appbuilder.baseviews if isinstance(view, SecurityApi))
            login_limits.install(self.limiter, [self.auth_view.blueprint, api.blueprint])

    def auth_user_db(self, username: str, password: str) -> Any:
        user = super().auth_user_db(username, password)
        g.login_failed = user is None
        return user

    def on_user_login(self, user: Any) -> None:
        sessions.begin()

    def on_user_logout(self, user: Any) -> None:
        sessions.end()

    def get_user_by_id(self, pk: int) -> LedgerUser | None:
        """The user with their org unit, roles and groups in one statement (every request loads it)."""
        return self.session.get(
            self.user_model,
            pk,
            options=[joinedload(LedgerUser.roles), joinedload(LedgerUser.groups)],
        )

    def has_access(self, permission_name: str, view_name: str) -> bool:
        """Answer from the user's permission set, loaded once per request (FAB asks the database for
        every menu item and button: 16 statements on a list page)."""
        user = self.current_user
        if not has_request_context() or user is None or not getattr(user, "is_active", False):
            return bool(super().has_access(permission_name, view_name))
        return user_may(user, permission_name, view_name)

    def before_request(self) -> None:
        sessions.check()
        super().before_request()
        # idle timeout: the session cookie expires PERMANENT_SESSION_LIFETIME after the last request
        session.permanent = True
