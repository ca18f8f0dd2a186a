"""A ledger list's filters as a clerk reads them: the unit filter takes in the units below the one chosen
(所属机构 = 仁和镇 lists its communities' rows: the rows are kept there), a code-list column is filtered by
"等于" (a code is not a prefix), and the filters in force show above the list as tags whose × removes one."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from flask import has_request_context, request
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.filters import FilterEqual, FilterNotEqual
from flask_babel import lazy_gettext as _l

from app import codes, ledger
from app.security.scope import subtree_ids
from models.org import OrgUnit

FILTER_ARG = re.compile(r"^_flt_(\d)_(.+)$")


class OrgSubtreeFilter(BaseFilter):
    """所属机构: the rows of the chosen unit and of the units below it (an indexed `org_id IN (subtree)`)."""

    name = _l("Within")
    arg_name = "org_in"

    def apply(self, query: Any, value: Any) -> Any:
        unit = (
            ledger.session().get(OrgUnit, int(value))
            if str(value).isdigit() and len(str(value)) < 10
            else None
        )
        if unit is None:
            return query
        return query.filter(self.model.org_id.in_(subtree_ids(unit.path)))


def tune_filters(view: Any) -> None:
    """After FAB built the view's filters: the unit filter over the subtree, "等于" for code lists."""
    filters = (
        view._filters
    )  # the offered ones (_search_filters) and those a request's index picks (_all_filters)
    chosen: dict[str, list[BaseFilter]] = {}
    if "org" in filters._search_filters:
        chosen["org"] = [OrgSubtreeFilter("org", view.datamodel)]
    for name, meta in view.metas.items():
        if meta.code_list and name in filters._search_filters:
            chosen[name] = [FilterEqual(name, view.datamodel), FilterNotEqual(name, view.datamodel)]
    filters._search_filters.update(chosen)
    filters._all_filters.update(chosen)


def filter_tags(view: Any) -> list[tuple[str, str]]:
    """The filters of this request as (what it says, the list's address without it)."""
    tags = []
    search = view._filters._search_filters
    for arg, value in request.args.items(multi=True):
        match = FILTER_ARG.match(arg)
        if not match or not value:
            continue
        index, column = int(match.group(1)), match.group(2)
        choices = search.get(column) or []
        if index >= len(choices):
            continue
        label = view.label_columns.get(column, column)
        text = f"{label} {choices[index].name} {tag_value(view, column, value)}"
        rest = [(k, v) for k, v in request.args.items(multi=True) if k != arg and k != "page"]
        tags.append((text, request.path + ("?" + urlencode(rest) if rest else "")))
    return tags


def tag_value(view: Any, column: str, value: str) -> str:
    """A filter's value in words: a unit's name, a code's label, a workflow state's label."""
    meta = view.metas.get(column)
    if column == "org" and value.isdigit() and len(value) < 10:
        unit = ledger.session().get(OrgUnit, int(value))
        return unit.name if unit is not None else value
    if meta is not None and meta.code_list:
        return str(codes.label(meta.code_list, value))
    if column == "state" and getattr(view, "workflow", None) is not None:
        return str(view.workflow.state_label(value))
    return value


class VoidedRowsFilter(BaseFilter):
    """Lists hide voided rows; `?voided=1` shows only them (the restore list)."""

    name = _l("Voided")
    arg_name = "voided"

    def apply(self, query: Any, value: Any) -> Any:
        column = self.model.voided_at
        wanted = has_request_context() and request.values.get("voided") == "1"
        return query.filter(column.isnot(None) if wanted else column.is_(None))
