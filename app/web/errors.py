"""One Chinese answer for every HTTP error: a page with the way back (home, the previous page) for a browser,
and for /api/ paths the JSON FAB's APIs answer ({"message": ...}), in the same shape with a Chinese message —
FAB's own API errors (response_401/403/404/500, written in English in FAB) included."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, Response, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

API_PREFIX = "/api/"
PAGES: dict[int, tuple[Any, Any]] = {
    400: (_l("Request refused"), _l("The request could not be understood. Please go back and try again.")),
    403: (_l("Access denied"), _l("Your account may not open this page or do this.")),
    404: (_l("Page not found"), _l("The page or record does not exist, or it is outside your territory.")),
    405: (_l("Not allowed"), _l("This page cannot be opened this way. Please use the buttons on the page.")),
    413: (_l("File too large"), _l("The upload is too large; choose a smaller file or split it")),
    429: (_l("Too many attempts"), _l("Too many requests. Please wait a few minutes and try again.")),
    500: (
        _l("System error"),
        _l("Something went wrong on the server. Please try again later or tell the administrator."),
    ),
}
# FAB's API helpers answer these English messages; the zh user reads them in Chinese (same JSON shape)
FAB_API_MESSAGES: dict[str, Any] = {
    "Not found": _l("Not found"),
    "Forbidden": _l("Access denied"),
    "Not authorized": _l("Not logged in, or the session has expired"),
    "Internal error": _l("System error"),
    "Arguments are not correct": _l("The request's parameters are not correct"),
}


def init_app(app: Flask) -> None:
    for code in (400, 403, 404, 405, 500):
        app.register_error_handler(code, answer)
    app.after_request(translate_api_message)


def error_page(code: int, message: Any = None) -> tuple[Any, int]:
    title, default = PAGES.get(code, PAGES[500])
    text = str(message or default)
    if request.path.startswith(API_PREFIX):
        return {"message": text}, code
    return render_template("errors/error.html", title=str(title), message=text), code


def answer(error: Exception) -> Any:
    code = error.code if isinstance(error, HTTPException) and error.code else 500
    return error_page(code)


def translate_api_message(response: Response) -> Response:
    if not request.path.startswith(API_PREFIX) or response.status_code < 400 or not response.is_json:
        return response
    body = response.get_json(silent=True)
    if (
        isinstance(body, dict)
        and isinstance(body.get("message"), str)
        and body["message"] in FAB_API_MESSAGES
    ):
        body["message"] = str(FAB_API_MESSAGES[body["message"]])
        response.set_data(json.dumps(body, ensure_ascii=False))
    return response
