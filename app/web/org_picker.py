"""The list page's org-unit filter as a lazy option list: the page renders a select holding only the unit
already filtered on; the units of the user's territory are fetched (LedgerView.org_choices) when the clerk
opens it, so a list page loads no org units up front (571 for the district)."""

from __future__ import annotations

import re
from typing import Any

from flask import request, url_for
from markupsafe import Markup, escape
from sqlalchemy import select
from wtforms import SelectField

from app import ledger
from app.security.scope import current_actor, org_units_in_territory
from models.org import OrgUnit

FILTER_ARG = re.compile(r"_flt_\d+_org$")


def territory_units() -> list[dict[str, Any]]:
    """The units the user may filter on, in tree order, as select2-style {id, text}."""
    query = select(OrgUnit.id, OrgUnit.name).where(org_units_in_territory(current_actor()))
    return [{"id": uid, "text": name} for uid, name in ledger.session().execute(query.order_by(OrgUnit.path))]


def chosen_unit() -> OrgUnit | None:
    """The unit the list is filtered on now (its option is rendered so the filter shows and resubmits)."""
    for name, value in request.args.items():
        if FILTER_ARG.match(name) and value.isdigit():
            return ledger.session().get(OrgUnit, int(value))
    return None


class LazyOrgSelect:
    """A <select> whose options load on first use (app/templates/ledger/list.html)."""

    def __call__(self, field: Any, **kwargs: Any) -> Markup:
        endpoint = f"{request.endpoint.rsplit('.', 1)[0]}.org_choices" if request.endpoint else ""
        unit = chosen_unit()
        options = '<option value="">—</option>'
        if unit is not None:
            options += f'<option value="{unit.id}" selected>{escape(unit.name)}</option>'
        url = url_for(endpoint) if endpoint else ""
        return Markup(
            f'<select class="form-control org-lazy" id="{escape(field.id)}" name="{escape(field.name)}" '
            f'data-url="{escape(url)}">{options}</select>'
        )


class LazyOrgField(SelectField):
    widget = LazyOrgSelect()

    def __init__(self, label: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validate_choice=False, choices=[], **kwargs)
