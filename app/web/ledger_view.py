"""LedgerView: the declarative base of every ledger's UI. A subclass names its model and columns; the base
gives it territorial scoping on every path (FAB's action/action_post included), bulk actions of some tiers
only (app/web/bulk_actions.py), code-list selects and labels, ID masking, the one validation path, version
checks, void/restore/transfer and the history tab."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, jsonify, redirect, request, url_for
from flask_appbuilder import ModelView
from flask_appbuilder.baseviews import expose
from flask_appbuilder.models.sqla.filters import FilterEqual, FilterIn
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.urltools import get_order_args, get_page_args, get_page_size_args
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField

from app import ledger
from app.io.views import IO_PERMISSIONS, LedgerIOMixin
from app.ledger import registry
from app.ledger.columns import derived_columns
from app.ledger.display import display, display_derived, personal
from app.security.scope import OrgScopeFilter, OrgUnitScopeFilter
from app.services import policy
from app.services.materials_views import MATERIALS_PERMISSIONS, MaterialsViewMixin
from app.services.notice_views import NOTICE_PERMISSIONS, NoticeBatchViewMixin
from app.web.bulk_actions import RowActionsMixin, TieredActionsMixin
from app.web.forms import (
    CodeSelectField,
    KeepingUnitFilter,
    blank_choice_first,
    prefill,
    reference_filters,
    reference_labels,
)
from app.web.list_cards import CardListWidget
from app.web.list_filters import VoidedRowsFilter, filter_tags, tune_filters
from app.web.org_picker import LazyOrgField, territory_units
from app.web.personal_data import PersonalDataMixin
from app.web.record_page import RecordPageMixin, source_formatters
from app.web.references import ReferencePickerMixin
from app.workflow.ledger_views import BULK_ACTION, WorkflowViewMixin
from models.base import column_meta
from seed.policy_basis import basis_for

READ_METHODS = (
    "list",
    "show",
    "related",
    "org_choices",
    "history",
    "action",
    "action_post",
    "api_read",
    "download",
)
PERMISSIONS = {
    **dict.fromkeys(READ_METHODS, "read"),
    "add": "write",
    "references": "write",
    "edit": "write",
    "transfer": "write",
    "transition": "step",  # a workflow step: reviewers hold it without write
    BULK_ACTION: "step",
    "delete": "void",
    "void_selected": "void",
    "restore": "restore",
    "restore_selected": "restore",
    **IO_PERMISSIONS,
    **MATERIALS_PERMISSIONS,
    **NOTICE_PERMISSIONS,
}


class LedgerView(
    PersonalDataMixin,
    RecordPageMixin,
    ReferencePickerMixin,
    TieredActionsMixin,
    RowActionsMixin,
    LedgerIOMixin,
    WorkflowViewMixin,
    MaterialsViewMixin,
    NoticeBatchViewMixin,
    ModelView,
):
    """Base of every ledger view. Subclasses set `datamodel = SQLAInterface(Model)` and column lists; what
    the ledger does (workflow, checks, checklist) is its spec's (app/domain/<family>.py)."""

    list_template = "ledger/list.html"
    list_widget = CardListWidget  # row buttons built once per page; cells labelled: cards at phone width
    show_template = "ledger/show.html"
    add_template = "ledger/add.html"
    edit_template = "ledger/edit.html"
    method_permission_name = PERMISSIONS
    page_size = 20
    search_exclude_columns = ["version", "voided_at", "voided_by_id", "created_by_id", "updated_by_id"]
    show_extra_template: str | None = None  # a template included below the record's fields
    # buttons on a record's page opening another ledger's add form prefilled from the record:
    # (label, ledger, {form field: attribute of the record, or "=constant"})
    record_links: list[tuple[Any, str, dict[str, str]]] = []
    # buttons above the list: (label, endpoint)
    list_links: list[tuple[Any, str]] = []
    show_links: list[tuple[Any, str, str]] = []  # (label, endpoint, attribute of the record giving its pk)
    # derived columns (the model's __derived__, computed by the kernel) shown below the record's fields,
    # labelled by label_columns
    show_derived: tuple[str, ...] = ()
    menu_chapter: Any = (
        None  # the manual's chapter heading it sits under in the 台账 menu (views/register_all)
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if isinstance(getattr(cls, "datamodel", None), SQLAInterface):
            model = cls.datamodel.obj
            cls.class_permission_name = model.__ledger__
            cls.route_base = f"/ledger/{model.__ledger__}"
            cls.list_title = cls.show_title = model.__ledger_label__
            cls.add_title = cls.edit_title = model.__ledger_label__
            registry.VIEWS[model.__ledger__] = cls

    def __init__(self, **kwargs: Any) -> None:
        model = self.datamodel.obj
        self.model = model
        self.metas = {meta.name: meta for meta in column_meta(model)}
        self.label_columns = {name: meta.label for name, meta in self.metas.items()} | {
            **reference_labels(model, self.metas),
            "org": _l("Org unit"),
            **(self.label_columns or {}),
        }
        self.description_columns = {n: m.description for n, m in self.metas.items() if m.description}
        self.base_filters = [["org_id", OrgScopeFilter, None], ["voided_at", VoidedRowsFilter, None]]
        self.formatters_columns = {
            name: (lambda value, meta=meta: display(meta, value)) for name, meta in self.metas.items()
        }
        self.formatters_columns.update(source_formatters(model))
        code_fields = {
            name: CodeSelectField(meta.label, code_list=meta.code_list, required=meta.required)
            for name, meta in self.metas.items()
            if meta.code_list
        }
        self.add_form_extra_fields = dict(code_fields)
        self.search_form_extra_fields = {
            **{
                name: CodeSelectField(meta.label, code_list=meta.code_list, blank="—")
                for name, meta in self.metas.items()
                if meta.code_list
            },
            "org": LazyOrgField(_l("Org unit")),
        }
        self.edit_form_extra_fields = {**code_fields, "row_version": HiddenField()}
        computed = derived_columns(model)  # nobody types what the rules compute or the workflow writes
        self.add_columns: list[str] = [c for c in self.add_columns or [] if c not in computed]
        self.edit_columns: list[str] = [
            c for c in (self.edit_columns or self.add_columns) if c != "org" and c not in computed
        ] + ["row_version"]
        org_choices = [["id", OrgUnitScopeFilter, None], ["active", FilterEqual, True]]
        if registry.spec(model.__ledger__).kept_by_community:
            org_choices.append(["id", KeepingUnitFilter, None])
        choices = reference_filters(model)
        self.add_form_query_rel_fields: dict[str, Any] = {
            **choices,
            **(self.add_form_query_rel_fields or {}),
            "org": org_choices,
        }
        self.edit_form_query_rel_fields: dict[str, Any] = {
            **choices,
            **(self.edit_form_query_rel_fields or {}),
        }
        self.add_form_extra_fields.update(self.reference_fields())
        self.edit_form_extra_fields.update(self.reference_fields())
        self.init_workflow_columns()
        super().__init__(**kwargs)
        self.guard_personal_filters()
        tune_filters(self)
        self.drop_workflow_actions()
        self.drop_notice_action()
        for form in (self.add_form, self.edit_form):
            blank_choice_first(form)

    def render_template(self, template: str, **kwargs: Any) -> Any:
        return super().render_template(
            template, view=self, personal=personal, filter_tags=filter_tags, **kwargs
        )

    # ---- the rows of this view: always scoped -------------------------------------------------

    def scoped_get(self, pk: Any, include_voided: bool = False) -> Any:
        filters = self.datamodel.get_filters().add_filter_list([["org_id", OrgScopeFilter, None]])
        row_id = ledger.record_id(pk)
        item = self.datamodel.get(row_id, filters) if row_id else None
        if item is None or (item.voided_at is not None and not include_voided):
            abort(404)
        return item

    # ---- writes through the ledger commands ----------------------------------------------------

    def form_values(self, form: Any) -> dict[str, Any]:
        values = {name: form[name].data for name in self.metas if name in form}
        for relation in self.model.__mapper__.relationships:  # a select of records: store its key
            column = next(iter(relation.local_columns)).key
            if relation.key in form and column in self.metas:
                values[column] = form[relation.key].data.id if form[relation.key].data is not None else None
        return values

    def run_command(self, form: Any, command: Any) -> bool:
        try:
            g.saved_row = command(self.form_values(form))
            ledger.commit()
        except ledger.LedgerError as exc:
            self.datamodel.session.rollback()
            for name, message in exc.errors.items():
                target = "org" if name == "org_id" and "org" in form else name
                if target in form:
                    form[target].errors = [*form[target].errors, str(message)]
                else:
                    flash(str(message), "danger")
            return False
        return True

    def post_add_redirect(self) -> Any:
        """After saving, the clerk sees the record they saved (with its history)."""
        return redirect(url_for(f"{type(self).__name__}.show", pk=g.saved_row.id))

    post_edit_redirect = post_add_redirect

    def _add(self) -> Any:
        form = self.add_form.refresh()
        if request.method == "GET":
            prefill(form)
        if request.method == "POST" and form.validate():
            if self.run_command(form, lambda values: ledger.create(self.model, values)):
                flash(str(_l("Saved")), "success")
                return None
        return self._get_add_widget(form=form)

    def _edit(self, pk: Any) -> Any:
        item = self.scoped_get(pk)
        if request.method == "POST":
            form = self.edit_form.refresh(request.form)
            form._id = item.id
            if form.validate():
                version = form.row_version.data
                if self.run_command(form, lambda values: ledger.update(item, values, version)):
                    flash(str(_l("Saved")), "success")
                    return None
        else:
            form = self.edit_form.refresh(obj=item)
            form.row_version.data = item.version
        return self.related_widgets(item, self._get_edit_widget(form=form))

    def _show(self, pk: Any) -> Any:
        item = self.scoped_get(pk, include_voided=True)
        g.ledger_item = item
        return {}  # the related ledgers' tabs load when opened (RecordPageMixin.related)

    def related_widgets(self, item: Any, widgets: dict[str, Any]) -> Any:
        """The lists of the record's rows in other ledgers (show and edit pages)."""
        return self._get_related_views_widgets(
            item,
            orders=get_order_args(),
            pages=get_page_args(),
            page_sizes=get_page_size_args(),
            widgets=widgets,
        )

    @expose("/org_choices", methods=["GET"])
    @has_access
    def org_choices(self) -> Any:
        """The units of the user's territory for the list's org filter (loaded when the clerk opens it)."""
        return jsonify(territory_units())

    def _delete(self, pk: Any) -> None:  # FAB's hard delete is never reachable
        abort(405)

    # ---- routes ---------------------------------------------------------------------------------

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk: Any) -> Any:
        widgets = self._show(pk)
        item = g.ledger_item
        fields = [(meta.label, self.show_value(item, name, meta)) for name, meta in self.metas.items()]
        fields += [
            (self.label_columns[name], display_derived(getattr(item, name))) for name in self.show_derived
        ]
        return self.render_template(
            self.show_template,
            pk=item.id,
            item=item,
            fields=fields,
            title=self.show_title,
            widgets=widgets,
            related_views=self._related_views,
            history=self.history_rows(item),
            ledger_name=self.model.__ledger__,
            transfer_orgs=self.transfer_choices(item),
            policy_basis=basis_for(registry.spec(self.model.__ledger__).policy_basis),
            pending_parameters=policy.pending_labels(getattr(item, "rule_readings", None)),
            record_links=self.record_link_urls(item),
            **self.workflow_context(item),
            **self.materials_context(item),
        )

    @expose("/delete/<pk>", methods=["GET", "POST"])
    @has_access
    def delete(self, pk: Any) -> Any:
        """作废 with a reason instead of deleting."""
        item = self.scoped_get(pk)
        reason = request.form.get("reason", "")
        if request.method == "POST" and reason.strip():
            try:
                ledger.void(item, reason)
                ledger.commit()
                flash(str(_l("Voided; the record is kept in the history")), "success")
            except ledger.LedgerError as exc:
                self.datamodel.session.rollback()
                flash(str(exc), "danger")
            return redirect(self.get_redirect())
        if request.method == "POST":
            flash(str(_l("Please give a reason for voiding")), "danger")
        return self.render_template("ledger/void.html", items=[item], title=self.list_title)

    @expose("/restore/<pk>", methods=["POST"])
    @has_access
    def restore(self, pk: Any) -> Any:
        item = self.scoped_get(pk, include_voided=True)
        try:
            ledger.restore(item, request.form.get("reason", ""))
            ledger.commit()
            flash(str(_l("Restored")), "success")
        except ledger.LedgerError as exc:
            flash(str(exc), "danger")
        return redirect(url_for(f"{type(self).__name__}.show", pk=item.id))

    @expose("/transfer/<pk>", methods=["POST"])
    @has_access
    def transfer(self, pk: Any) -> Any:
        item = self.scoped_get(pk)
        try:
            ledger.transfer(
                item,
                request.form.get("org_id"),
                request.form.get("reason", ""),
                request.form.get("row_version"),
            )
            ledger.commit()
            flash(str(_l("Transferred")), "success")
        except ledger.LedgerError as exc:
            self.datamodel.session.rollback()
            flash(str(exc), "danger")
        return redirect(url_for(f"{type(self).__name__}.show", pk=item.id))

    # ---- FAB's action endpoints load rows without base filters: scope them here -------------------

    @expose("/action/<string:name>/<pk>", methods=["POST"])
    @has_access
    def action(self, name: str, pk: Any) -> Any:
        item = self.scoped_get(pk, include_voided=True)
        if name not in self.actions or not self.appbuilder.sm.has_access(
            self.get_action_permission_name(name), self.class_permission_name
        ):
            abort(403)
        if refused := self.action_refusal(name):
            flash(str(refused), "danger")
            return redirect(self.get_redirect())
        return self.actions[name].func([item])  # the actions all take a list of rows

    def download(self, filename: str) -> Any:  # FAB's upload-folder download: no route (files are materials)
        abort(404)

    @expose("/action_post", methods=["POST"])
    @has_access
    def action_post(self) -> Any:
        name = request.form.get("action", "")
        if name not in self.actions or not self.appbuilder.sm.has_access(
            self.get_action_permission_name(name), self.class_permission_name
        ):
            abort(403)
        if refused := self.action_refusal(name):
            flash(str(refused), "danger")
            return redirect(self.get_redirect())
        filters = self.datamodel.get_filters().add_filter_list([["org_id", OrgScopeFilter, None]])
        pks = [pk for pk in request.form.getlist("rowid") if pk.isdigit()]
        _, items = self.datamodel.query(filters.add_filter("id", FilterIn, [int(pk) for pk in pks]))
        return self.actions[name].func(items)
