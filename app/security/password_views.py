"""修改密码: FAB's own-password form, asking for the current password first (a session left open on a
shared office computer must not be enough to take the account over)."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_appbuilder.fieldwidgets import BS3PasswordFieldWidget
from flask_appbuilder.security import views as fab_views
from flask_appbuilder.security.forms import ResetPasswordForm
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash
from wtforms import PasswordField, ValidationError
from wtforms.validators import DataRequired


class ChangeMyPasswordForm(ResetPasswordForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired()], widget=BS3PasswordFieldWidget()
    )

    def validate_current_password(self, field: Any) -> None:
        if not check_password_hash(g.user.password or "", field.data or ""):
            raise ValidationError(str(_l("The current password is not correct")))


class ResetMyPasswordView(fab_views.ResetMyPasswordView):
    """FAB's name kept: its endpoint, permission and the links to it stay the same."""

    form = ChangeMyPasswordForm
    form_columns = ["current_password", "password", "conf_password"]
