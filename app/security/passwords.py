"""Password policy for real accounts: at least 8 characters and not the user name."""

from __future__ import annotations

from flask import has_request_context, request
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_babel import gettext as _

MIN_LENGTH = 8


def check_password_policy(password: str, username: str | None = None) -> None:
    if username is None and has_request_context():
        username = request.form.get("username")
    if len(password or "") < MIN_LENGTH:
        raise PasswordComplexityValidationError(_("Password must have at least 8 characters"))
    if username and password.strip().lower() == username.strip().lower():
        raise PasswordComplexityValidationError(_("Password must not be the user name"))
