"""快速查找: the navbar's one box (姓名 / 身份证号 / 手机号) that finds a person of the user's territory and lists
their records in every ledger that refers to persons, each a link to its page.

Every lookup is an indexed one, whatever the registry's size: a name by prefix (the name index), an ID number
or a mobile number only whole (the unique ID index, the phone index) and only for a user with the PII
permission (a partial number would let a user spell a number out). Rows come through `scope_query`."""

from __future__ import annotations

import re
from typing import Any

from flask import request
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import ledger
from app.ledger import registry
from app.ledger.display import can_see_pii
from app.security.scope import current_actor, scope_query
from app.web.references import prefix_match, reference_label

PERSON_LEDGER = "person"
LIMIT = 20  # persons listed
RECORDS = 50  # records per ledger and search
ID_NUMBER = re.compile(r"^\d{17}[\dXx]$|^\d{15}$")
MOBILE = re.compile(r"^1\d{10}$")


def person_condition(person: Any, term: str, pii: bool) -> Any:
    """What a term finds: a whole ID number or mobile number (with the PII permission), else a name prefix."""
    if ID_NUMBER.match(term):
        return person.id_number == term.upper() if pii else None
    if MOBILE.match(term):
        return person.phone == term if pii else None
    if term.isdigit():
        return None
    return prefix_match(person.name, term)


def find_persons(term: str) -> list[Any]:
    person = registry.ledger_model(PERSON_LEDGER)
    condition = person_condition(person, term, can_see_pii())
    if condition is None:
        return []
    query = select(person).where(condition, person.voided_at.is_(None))
    query = scope_query(query, person, current_actor()).order_by(person.name, person.id).limit(LIMIT)
    return list(ledger.session().execute(query).scalars())


def records_of(persons: list[Any]) -> dict[int, list[tuple[Any, str, list[Any]]]]:
    """Per person: (ledger label, view name, rows) for every ledger with a `person_id` reference, one scoped
    query per ledger for all the persons found."""
    person = registry.ledger_model(PERSON_LEDGER)
    found: dict[int, list[tuple[Any, str, list[Any]]]] = {p.id: [] for p in persons}
    if not persons:
        return found
    for name, spec in registry.LEDGERS.items():
        model, view = spec.model, registry.VIEWS.get(name)
        relation = model.__mapper__.relationships.get("person")
        if view is None or relation is None or relation.mapper.class_ is not person:
            continue
        query = select(model).where(model.person_id.in_(list(found)), model.voided_at.is_(None))
        query = scope_query(query, model, current_actor()).order_by(model.id.desc()).limit(RECORDS)
        rows = list(ledger.session().execute(query).scalars())
        for person_id in found:
            mine = [row for row in rows if row.person_id == person_id]
            if mine:
                found[person_id].append((model.__ledger_label__, view.__name__, mine))
    return found


class QuickSearchView(BaseView):
    """快速查找 (the navbar box posts here); read permission on the labour-force registry."""

    route_base = "/search"
    default_view = "index"
    class_permission_name = PERSON_LEDGER
    method_permission_name = {"index": "read"}

    @expose("/")
    @has_access
    def index(self) -> Any:
        term = "".join(request.args.get("q", "").split())[:30]
        persons = find_persons(term) if term else []
        needs_pii = bool(term) and term[:1].isdigit() and not can_see_pii()
        return self.render_template(
            "search/results.html",
            term=term,
            persons=persons,
            records=records_of(persons),
            label=reference_label,
            needs_pii=needs_pii,
            limit=LIMIT,
            title=_l("Quick search"),
        )


def register_search(appbuilder: Any) -> None:
    appbuilder.add_view_no_menu(QuickSearchView())
