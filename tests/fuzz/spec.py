"""The app's OpenAPI document, built in-process as FAB's /api/v1/_openapi builds it."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_appbuilder.api import BaseApi
from flask_appbuilder.api.manager import OpenApi


def openapi_spec(app: Flask, version: str = "v1") -> dict[str, Any]:
    with app.test_request_context():
        spec = OpenApi._create_api_spec(version)
        for view in app.appbuilder.baseviews:
            if isinstance(view, BaseApi) and view.version == version:
                view.add_api_spec(spec)
        document: dict[str, Any] = spec.to_dict()
    return document
