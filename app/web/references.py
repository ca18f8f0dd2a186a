"""Reference pickers: a form's select of another ledger's record (a person, an employer, a loan ...) that
searches the server as the clerk types instead of listing every record of the territory. The options come
through the same filters as the form's check (`reference_filters`, the user's territory and live rows): one
way in. A record reads as its name, its ID number (masked without the PII permission) and its unit, so two
张伟 can be told apart."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, jsonify, request, url_for
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, false, or_, select
from wtforms import Field
from wtforms.validators import DataRequired, StopValidation

from app import ledger
from app.ledger.display import can_see_pii, display_personal
from app.web.forms import CHOOSE, reference_filters

LIMIT = 20
DIGITS = re.compile(r"^\d{4,}[\dXx]?$")


def prefix_match(column: Any, term: str) -> ColumnElement[bool]:
    """`column` starts with `term`, as a condition an index on the column serves: a range on SQLite (whose
    LIKE ignores case and so skips the index), LIKE 'term%' on PostgreSQL (text_pattern_ops index)."""
    if ledger.session().get_bind().dialect.name == "sqlite":
        return column.between(term, term + "\U0010ffff")
    return column.startswith(term, autoescape=True)


def search_condition(target: Any, term: str, pii: bool) -> ColumnElement[bool]:
    """The rows of `target` a typed term finds: a name by prefix; an ID number or a phone exactly (only for a
    user who may read them); the record number; a record about a person by that person."""
    columns = target.__table__.c
    found: list[Any] = []
    for name in ("name", "title", "occupation"):
        if name in columns:
            found.append(prefix_match(columns[name], term))
    if DIGITS.match(term):
        if term.isdigit() and len(term) <= 9:
            found.append(columns.id == int(term))
        if pii and "id_number" in columns:
            found.append(columns.id_number == term.upper())
        if pii and "phone" in columns:
            found.append(columns.phone == term)
    person = target.__mapper__.relationships.get("person")
    if person is not None and "person_id" in columns:
        people = person.mapper.class_
        found.append(columns.person_id.in_(select(people.id).where(search_condition(people, term, pii))))
    return or_(*found) if found else false()


def reference_label(row: Any) -> str:
    """How a record reads in a picker: 张伟 110113********1232 · 石门社区 (its phone too where it has one: the
    clerk calls them from a follow-up's form), personal data masked without the PII permission."""
    text = str(row)
    for column in ("id_number", "phone"):
        value = getattr(row, column, None)
        if value:
            text += " " + display_personal(type(row), column, value)
    org = getattr(row, "org", None)
    return text + (f" · {org.name}" if org is not None else "")


class ReferencePicker:
    """A <select> holding "请选择", the chosen record and the latest few; the script of
    app/templates/ledger/reference_picker.html turns it into a select2 box asking `data-url` as the clerk
    types."""

    def __call__(self, field: Any, **kwargs: Any) -> Markup:
        chosen = field.data
        options = f'<option value="">{escape(str(CHOOSE))}</option>'
        if chosen is not None:
            options += f'<option value="{chosen.id}" selected>{escape(reference_label(chosen))}</option>'
        for row in field.first_rows():  # without script (or before typing): the latest few
            if chosen is None or row.id != chosen.id:
                options += f'<option value="{row.id}">{escape(reference_label(row))}</option>'
        attributes = {
            "class": f"form-control reference-picker {kwargs.get('class', '')}".strip(),
            "id": field.id,
            "name": field.name,
            "data-url": field.search_url(),
            "data-placeholder": str(CHOOSE),
        }
        if field.flags.required:
            attributes["required"] = "required"
        html = " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items())
        return Markup(f"<select {html}>{options}</select>")


class ReferenceField(Field):
    """A form's reference (`person`): its data is the record, found only through `query()` (the view's option
    filters: the territory, live rows), so a posted id outside them is refused like a choice not offered."""

    widget = ReferencePicker()

    def __init__(self, label: Any = None, key: str = "", query: Any = None, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.key = key
        self.query = query
        self.posted: str | None = None

    def first_rows(self) -> list[Any]:
        target = self.query().column_descriptions[0]["entity"]
        return list(self.query().order_by(target.id.desc()).limit(LIMIT))

    def search_url(self) -> str:
        endpoint = request.endpoint.rsplit(".", 1)[0] if request.endpoint else ""
        return url_for(f"{endpoint}.references", key=self.key) if endpoint else ""

    def _value(self) -> str:
        return str(self.data.id) if self.data is not None else ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.posted = valuelist[0] if valuelist else None
        self.data = self.find(self.posted)

    def process_data(self, value: Any) -> None:
        self.data = value if value is None or hasattr(value, "id") else self.find(str(value))

    def find(self, value: str | None) -> Any:
        if not value or not value.isdigit() or len(value) > 9:
            return None
        return self.query().filter_by(id=int(value)).one_or_none()

    def pre_validate(self, form: Any) -> None:
        if self.posted and self.data is None:
            raise StopValidation(str(_l("Not a valid choice")))  # before DataRequired, which clears errors


class ReferencePickerMixin:
    """Mixed into LedgerView: its references to other ledgers' records become pickers, and
    `/references/<key>?q=` answers their searches through the form's own option filters."""

    datamodel: Any
    model: Any
    add_columns: list[str]
    edit_columns: list[str]
    add_form_query_rel_fields: dict[str, Any]
    edit_form_query_rel_fields: dict[str, Any]
    label_columns: dict[str, Any]

    def reference_keys(self) -> list[str]:
        """The form's references to ledger records (an org unit stays a plain select: a territory's units)."""
        shown = {*self.add_columns, *self.edit_columns}
        return [
            relation.key
            for relation in self.model.__mapper__.relationships
            if relation.key in shown and getattr(relation.mapper.class_, "__ledger__", None)
        ]

    def reference_fields(self) -> dict[str, ReferenceField]:
        fields = {}
        for key in self.reference_keys():
            column = next(iter(self.model.__mapper__.relationships[key].local_columns))
            validators = [] if column.nullable else [DataRequired()]
            fields[key] = ReferenceField(
                self.label_columns.get(key, key),
                key=key,
                query=lambda key=key: self.reference_query(key),
                validators=validators,
            )
        return fields

    def reference_query(self, key: str) -> Any:
        """The records a reference may name: the kernel's option filters (`reference_filters`: the territory,
        live rows), then the view's own for it (add form's, else edit's), which narrow and never widen."""
        interface = self.datamodel.get_related_interface(key)
        own = self.add_form_query_rel_fields.get(key) or self.edit_form_query_rel_fields.get(key) or []
        filters = [*reference_filters(self.model).get(key, []), *own]
        return (
            interface.get_filters().add_filter_list(filters).apply_all(ledger.session().query(interface.obj))
        )

    @expose("/references/<key>", methods=["GET"])
    @has_access
    def references(self, key: str) -> Any:
        """A picker's options as select2 results: {results: [{id, text}]}, at most LIMIT."""
        if key not in self.reference_keys():
            abort(404)
        target = self.model.__mapper__.relationships[key].mapper.class_
        query = self.reference_query(key)
        term = request.args.get("q", "").strip()[:50]
        if term:
            query = query.filter(search_condition(target, term, can_see_pii()))
        rows = query.order_by(target.id.desc()).limit(LIMIT).all()
        return jsonify({"results": [{"id": row.id, "text": reference_label(row)} for row in rows]})
