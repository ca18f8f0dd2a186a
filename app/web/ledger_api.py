"""LedgerApi: the REST resource of every ledger under /api/v1/<ledger>/, generated from its LedgerView.
Same scoping, validation, version check and void semantics as the UI: the API is not a second way in."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.exceptions import FABException, InvalidOrderByColumnFABException
from flask_appbuilder.models.filters import Filters
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import ledger
from app.ledger.columns import editable_columns, pii_columns, unwritable_columns
from app.ledger.display import can_see_pii
from app.rules.masking import mask_personal
from app.security.scope import OrgScopeFilter
from app.web.forms import reference_filters
from app.web.list_filters import VoidedRowsFilter
from models.base import column_meta

API_PERMISSIONS = {
    "get": "read",
    "get_list": "read",
    "info": "read",
    "post": "write",
    "put": "write",
    "delete": "void",
}


class LedgerApi(ModelRestApi):
    """Base of the generated ledger APIs; writes go through app.ledger commands."""

    method_permission_name = API_PERMISSIONS
    allow_browser_login = True
    optional_keys: tuple[str, ...] = ()  # nullable reference columns, added to what GET returns
    base_filters = [["org_id", OrgScopeFilter, None], ["voided_at", VoidedRowsFilter, None]]

    def mask(self, row: dict[str, Any]) -> None:
        if not can_see_pii():
            for name in pii_columns(self.datamodel.obj) & row.keys():
                row[name] = mask_personal(row[name])

    def info_headless(self, **kwargs: Any) -> Any:
        """FAB's _info, without the personal columns among the filters for users who may not read them."""
        payload: dict[str, Any] = {}
        rison_args = kwargs.get("rison", {})
        self.set_response_key_mappings(payload, self.info, rison_args, **rison_args)
        if not can_see_pii():
            for name in pii_columns(self.datamodel.obj):
                payload.get("filters", {}).pop(name, None)
        return self.response(200, **payload)

    def _handle_filters_args(self, rison_args: dict[str, Any]) -> Filters:
        """Personal data is no filter for users who may not read it (a prefix search would spell it out)."""
        if not can_see_pii():
            asked = {f.get("col") for f in rison_args.get("filters", []) if isinstance(f, dict)}
            if asked & pii_columns(self.datamodel.obj):
                raise FABException(_("Personal data cannot be searched without the permission to read it"))
        return super()._handle_filters_args(rison_args)

    def _handle_order_args(self, rison_args: dict[str, Any]) -> tuple[str, str]:
        if not can_see_pii() and rison_args.get("order_column") in pii_columns(self.datamodel.obj):
            raise InvalidOrderByColumnFABException(
                _("Personal data cannot be searched without the permission to read it")
            )
        return super()._handle_order_args(rison_args)

    def refused_names(self, data: dict[str, Any], creating: bool) -> dict[str, Any]:
        """The columns a request names that no one types in: derived, system, workflow state, and the org unit
        of an existing row (it moves by transfer)."""
        model = self.datamodel.obj
        refused = unwritable_columns(model) - {"version"} | ({"org_id", "org"} if not creating else set())
        message = _l("This field is computed or set by the workflow; it cannot be written")
        return {name: message for name in data if name in refused}

    def pre_get(self, data: dict[str, Any]) -> None:
        self.mask(data.get("result", {}))
        self.add_optional_keys([data.get("id")], [data.get("result", {})])

    def pre_get_list(self, data: dict[str, Any]) -> None:
        for row in data.get("result", []):
            self.mask(row)
        self.add_optional_keys(data.get("ids", []), data.get("result", []))

    def add_optional_keys(self, ids: list[Any], rows: list[dict[str, Any]]) -> None:
        """The optional references (e.g. a referral's vacancy) as their key columns, None where there is none:
        FAB's schema leaves key columns out and "<relation>.id" would drop the rows without one."""
        if not self.optional_keys or not ids:
            return
        model = self.datamodel.obj
        keys = [model.__table__.c[name] for name in self.optional_keys]
        found = dict(
            (row_id, values)
            for row_id, *values in ledger.session().execute(
                select(model.__table__.c.id, *keys).where(model.__table__.c.id.in_(ids))
            )
        )
        for row_id, row in zip(ids, rows, strict=True):
            row.update(zip(self.optional_keys, found.get(row_id, [None] * len(keys)), strict=True))

    def refused(self, exc: ledger.LedgerError) -> Any:
        self.datamodel.session.rollback()
        status = 409 if exc.errors.get("") == ledger.STALE_MESSAGE else 422
        return self.response(status, message={k or "_record": str(v) for k, v in exc.errors.items()})

    def scoped(self, pk: Any) -> Any:
        """The row `pk` inside the user's territory; None (a 404) for any other row or a pk naming none."""
        row_id = ledger.record_id(pk)
        return self.datamodel.get(row_id, self._base_filters) if row_id else None

    def body(self) -> dict[str, Any] | None:
        return request.get_json(silent=True) if request.is_json else None

    def post_headless(self) -> Any:
        data = self.body()
        if not isinstance(data, dict):
            return self.response_400(message=_("Request is not JSON"))
        if refused := self.refused_names(data, creating=True):
            return self.refused(ledger.LedgerError(refused))
        for column, relation in record_selects(self.datamodel.obj).items():
            data.setdefault(column, data.pop(relation, None))
        try:
            item = ledger.create(self.datamodel.obj, data)
            ledger.commit()
        except ledger.LedgerError as exc:
            return self.refused(exc)
        return self.response(201, id=item.id, result=self.show_model_schema.dump(item))

    def put_headless(self, pk: Any) -> Any:
        item = self.scoped(pk)
        if item is None:
            return self.response_404()
        data = self.body()
        if not isinstance(data, dict):
            return self.response_400(message=_("Request is not JSON"))
        if refused := self.refused_names(data, creating=False):
            return self.refused(ledger.LedgerError(refused))
        try:
            ledger.update(item, data, data.get("version"))
            ledger.commit()
        except ledger.LedgerError as exc:
            return self.refused(exc)
        return self.response(200, result=self.show_model_schema.dump(item))

    def delete_headless(self, pk: Any) -> Any:
        """DELETE voids the row; the reason comes as ?reason= or in a JSON body."""
        item = self.scoped(pk)
        if item is None:
            return self.response_404()
        reason = request.args.get("reason") or ((self.body() or {}).get("reason") or "")
        try:
            ledger.void(item, reason)
            ledger.commit()
        except ledger.LedgerError as exc:
            return self.refused(exc)
        return self.response(200, message=_("Voided; the record is kept in the history"))


def record_selects(model: Any) -> dict[str, str]:
    """Ledger columns that refer to another record (org_id, person_id) → their relationship's name."""
    names = {meta.name for meta in column_meta(model)}
    return {
        column.key: relation.key
        for relation in model.__mapper__.relationships
        for column in relation.local_columns
        if column.key in names
    }


def optional_keys(model: Any) -> tuple[str, ...]:
    """The reference columns a row may leave empty (a vacancy's visit, a job seeker's preferred town)."""
    return tuple(column for column in record_selects(model) if model.__table__.c[column].nullable)


def api_for(view_class: Any) -> type[LedgerApi]:
    """The ModelRestApi of a registered ledger view."""
    model = view_class.datamodel.obj
    metas = column_meta(model)
    relations = record_selects(model)
    names = [meta.name for meta in metas if meta.name not in relations]
    editable = [name for name in names if name in editable_columns(model)]
    # an optional reference (nullable key) is not listed: "<relation>.id" makes FAB inner-join the
    # relationship, which would drop the rows that have none (and the key column is not in FAB's schema);
    # GET adds its key column afterwards (LedgerApi.add_optional_keys)
    optional = optional_keys(model)
    shown = [
        *names,
        *(name for name in getattr(model, "__derived__", ()) if name not in names),
        *(
            f"{relation}.id"
            for column, relation in relations.items()
            if relation != "org" and column not in optional
        ),
    ]
    attrs = {
        "datamodel": SQLAInterface(model),
        "resource_name": model.__ledger__,
        "optional_keys": optional,
        "class_permission_name": model.__ledger__,
        "list_columns": ["id", "version", "org.id", "org.name", *shown],
        "show_columns": ["id", "version", "voided_at", "void_reason", "org.id", "org.name", *shown],
        "add_columns": [*relations.values(), *editable],
        "edit_columns": editable,
        "add_query_rel_fields": reference_filters(model),
        "edit_query_rel_fields": reference_filters(model),
        "search_columns": [*relations.values(), *[name for name in names if name != "remarks"]],
        "order_columns": ["id", *names],
        "label_columns": {meta.name: meta.label for meta in metas} | {"org": _l("Org unit")},
    }
    return type(f"{model.__name__}Api", (LedgerApi,), attrs)
