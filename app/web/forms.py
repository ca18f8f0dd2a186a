"""The form pieces of LedgerView: code-list selects, reference labels, prefilled add forms, "—" for none."""

from __future__ import annotations

from typing import Any

from flask import request
from sqlalchemy import inspect as sa_inspect
from werkzeug.datastructures import MultiDict
from wtforms import SelectField
from wtforms.fields.core import UnboundField

from app import codes


def reference_labels(model: type[Any], metas: dict[str, Any]) -> dict[str, Any]:
    """A form's reference (`person`, the relationship of `person_id`) is labelled as its column is: FAB would
    otherwise show the relationship's name in English."""
    relationships = sa_inspect(model).relationships.keys()
    return {
        name[: -len("_id")]: meta.label
        for name, meta in metas.items()
        if name.endswith("_id") and name[: -len("_id")] in relationships
    }


class CodeSelectField(SelectField):
    """A select whose choices are the active items of a code list, read when the form is built.
    The code itself is checked by ledger.validate_values, like an import or an API call."""

    def __init__(self, label: Any = None, code_list: str = "", required: bool = False, **kwargs: Any):
        super().__init__(label, validate_choice=False, default="", **kwargs)
        self.choices = [("", "—"), *codes.choices(code_list)]
        self.flags.required = required  # the form marks it with *; the check is the kernel's


def prefill(form: Any) -> None:
    """An add form opened with query arguments (?employer=3&source=03) starts with those values."""
    for name, value in request.args.items():
        if name in form and name not in ("csrf_token", "row_version") and value:
            form[name].process(MultiDict([(name, value)]))


def blank_choice_reads_as_dash(form: Any) -> None:
    """An optional record select offers "—" for none (WTForms 3.2 shows FAB's empty label as "__None")."""
    for unbound in vars(form).values():
        if isinstance(unbound, UnboundField) and unbound.kwargs.get("allow_blank"):
            unbound.kwargs["blank_text"] = "—"
