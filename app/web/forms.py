"""The form pieces of LedgerView (and LedgerApi): code-list selects, reference labels, the option lists of
references scoped to the user's territory, prefilled add forms, "请选择" first in every select."""

from __future__ import annotations

import re
from typing import Any

from flask import request
from flask_appbuilder.fields import QuerySelectField
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect as sa_inspect
from werkzeug.datastructures import MultiDict
from wtforms import SelectField
from wtforms.fields.core import UnboundField

from app import codes
from app.ledger.validation import has_units_below
from app.security.scope import OrgScopeFilter, OrgUnitScopeFilter
from models.org import OrgUnit

CHOOSE = _l("Please choose")  # the blank first option of every select of a form
RELATED_FILTER = re.compile(r"^_flt_\d+_")


def reference_labels(model: type[Any], metas: dict[str, Any]) -> dict[str, Any]:
    """A form's reference (`person`, the relationship of `person_id`) is labelled as its column is: FAB would
    otherwise show the relationship's name in English."""
    relationships = sa_inspect(model).relationships.keys()
    return {
        name[: -len("_id")]: meta.label
        for name, meta in metas.items()
        if name.endswith("_id") and name[: -len("_id")] in relationships
    }


class LiveRowsFilter(BaseFilter):
    """Rows not voided: what a reference may name."""

    name = "live"
    arg_name = "live"

    def apply(self, query: Any, value: Any) -> Any:
        return query.filter(self.model.voided_at.is_(None))


def reference_filters(model: type[Any]) -> dict[str, list[list[Any]]]:
    """The option list of each reference of a ledger row (form select, the API's _info): live records of
    the user's territory (any territory's for a `public` reference such as a published vacancy), and the
    active units of the territory for a unit."""
    filters: dict[str, list[list[Any]]] = {}
    for relation in sa_inspect(model).relationships:
        columns = list(relation.local_columns)
        target = relation.mapper.class_
        if len(columns) != 1 or "label" not in columns[0].info:
            continue
        if target is OrgUnit:
            filters[relation.key] = [["id", OrgUnitScopeFilter, None], ["active", FilterEqual, True]]
        elif getattr(target, "__ledger__", None):
            live = [["voided_at", LiveRowsFilter, None]]
            scoped = [] if columns[0].info.get("public") else [["org_id", OrgScopeFilter, None]]
            filters[relation.key] = [*scoped, *live]
    return filters


class CodeSelectField(SelectField):
    """A select whose choices are the active items of a code list, read when the form is built.
    The code itself is checked by ledger.validate_values, like an import or an API call."""

    def __init__(
        self,
        label: Any = None,
        code_list: str = "",
        required: bool = False,
        blank: Any = CHOOSE,
        **kwargs: Any,
    ):
        # styled like the text inputs beside it (full width, the same height: a finger-sized target on a phone)
        kwargs.setdefault("render_kw", {"class": "form-control"})
        super().__init__(label, validate_choice=False, default="", **kwargs)
        self.choices = [("", str(blank)), *codes.choices(code_list)]
        self.flags.required = required  # the form marks it with *; the check is the kernel's


def prefill(form: Any) -> None:
    """An add form opened with query arguments (?employer=3&source=03) starts with those values; so does one
    opened from a record's related tab, whose "+" names the record as a list filter (?_flt_0_person=7).
    A unit with one possible choice (a community clerk's own community) is chosen."""
    preselect_only_unit(form)
    for arg, value in request.args.items():
        name = RELATED_FILTER.sub("", arg)
        if name in form and name not in ("csrf_token", "row_version") and value:
            form[name].process(MultiDict([(name, value)]))


def blank_choice_first(form: Any) -> None:
    """Every record select starts with "请选择", a required one too: nothing is chosen by accident (the
    required check stays: FAB's DataRequired)."""
    for unbound in vars(form).values():
        if isinstance(unbound, UnboundField) and unbound.field_class is QuerySelectField:
            unbound.kwargs["allow_blank"] = True
            unbound.kwargs["blank_text"] = CHOOSE


def preselect_only_unit(form: Any) -> None:
    """An add form whose unit has one possible choice (a community clerk's own community) starts with it."""
    if "org" in form and form.org.data is None:
        units = list(form.org._get_object_list())
        if len(units) == 1:
            form.org.data = units[0][1]


class KeepingUnitFilter(BaseFilter):
    """Units that keep a ledger kept by communities (its spec's `kept_by_community`): a community, or a unit
    with no active unit below it (a town without communities)."""

    name = "keeping"
    arg_name = "keeping"

    def apply(self, query: Any, value: Any) -> Any:
        return query.filter(~has_units_below())
