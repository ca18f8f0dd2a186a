"""What a ledger record's page shows besides its fields, for LedgerView: references read as the records
they name, the buttons to other ledgers' forms the user may follow, the change history in words (code
labels, state labels, org names, materials items), the units a record may be transferred to (its tier, or up
and down its own branch), and its rows in
other ledgers, one tab at a time (each tab loads its list when opened: a person's page does not query the
nine ledgers that refer to persons)."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, request, url_for
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.urltools import get_order_args, get_page_args, get_page_size_args
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import or_, select

from app import ledger
from app.ledger import registry
from app.ledger.display import display, display_personal
from app.security.scope import current_actor, org_units_in_territory
from app.services import policy
from app.services.materials import history_lines
from app.templating import stored_text
from models.audit import AuditLog
from models.org import OrgUnit


class RecordPageMixin:
    """Mixed into LedgerView (which gives appbuilder, datamodel, model, metas, label_columns, workflow)."""

    appbuilder: Any
    datamodel: Any
    model: Any
    metas: dict[str, Any]
    label_columns: dict[str, Any]
    _prettify_column: Any  # FAB's label for a column nobody labelled
    workflow: Any
    class_permission_name: str
    record_links: list[tuple[Any, str, dict[str, str]]]

    _related_views: list[Any]
    scoped_get: Any
    _get_related_view_widget: Any

    @expose("/related/<pk>/<int:index>", methods=["GET"])
    @has_access
    def related(self, pk: Any, index: int) -> Any:
        """One tab of the record's rows in another ledger (the record page fetches it when the tab opens); a
        link followed from it (its paging) opens the record page on that tab."""
        item = self.scoped_get(pk, include_voided=True)
        if not 0 <= index < len(self._related_views):
            abort(404)
        view = self._related_views[index]
        name = type(view).__name__
        if request.headers.get("X-Requested-With") != "XMLHttpRequest":
            args: dict[str, Any] = request.args.to_dict()
            show = url_for(f"{type(self).__name__}.show", pk=item.id, **args)
            return redirect(f"{show}#{name}")
        order_column, order_direction = get_order_args().get(name, ("", ""))
        widget = self._get_related_view_widget(
            item,
            view,
            order_column,
            order_direction,
            page=get_page_args().get(name),
            page_size=get_page_size_args().get(name),
        )
        return widget(pk=item.id)

    def show_value(self, item: Any, name: str, meta: Any) -> Any:
        """A reference (`employer_id`) reads as the record it names (its relationship `employer`), not its id,
        with the phone to call when it has one (masked without the PII permission); a reference to a record
        of any ledger (the model's `__source__` pair: a follow-up's 来源台账 and 来源记录) reads as the
        ledger's name and a link to the record."""
        value = getattr(item, name)
        ledger_column, row_column = getattr(type(item), "__source__", ("", ""))
        if name == ledger_column:
            return source_label(value)
        if name == row_column and value is not None:
            return source_link(getattr(item, ledger_column), value)
        if name.endswith("_id") and isinstance(value, int):
            related = getattr(item, name[: -len("_id")], None)
            if related is not None:
                title = getattr(related, "ledger_title", None)
                text = str(title() if callable(title) else related)
                phone = getattr(related, "phone", None)
                return f"{text}（{display_personal(type(related), 'phone', phone)}）" if phone else text
        return stored_text(display(meta, value))  # a text the system wrote, in the reader's language

    def may_follow(self, endpoint: str) -> bool:
        """Whether the user may open another view's page (a show or list link): the permission of its method,
        so a button is not offered to a role that would be refused (匹配 needs write on referrals)."""
        view_name, method = endpoint.split(".", 1)
        for view in self.appbuilder.baseviews:
            if type(view).__name__ == view_name:
                permission = (getattr(view, "method_permission_name", None) or {}).get(method, method)
                return bool(self.appbuilder.sm.has_access(f"can_{permission}", view.class_permission_name))
        return False

    def record_link_urls(self, item: Any) -> list[tuple[Any, str]]:
        """The record_links the user may follow (write permission on the target ledger)."""
        links = []
        for label, target, fields in self.record_links:
            view = registry.VIEWS.get(target)
            if view is None or item.voided_at is not None:
                continue
            if not self.appbuilder.sm.has_access("can_write", view.class_permission_name):
                continue
            args: dict[str, Any] = {
                name: source[1:] if source.startswith("=") else getattr(item, source)
                for name, source in fields.items()
            }
            links.append((label, url_for(f"{view.__name__}.add", **args)))
        return links

    def history_rows(self, item: Any) -> list[Any]:
        query = (
            select(AuditLog)
            .where(AuditLog.ledger == self.model.__ledger__, AuditLog.row_id == item.id)
            .order_by(AuditLog.at.desc(), AuditLog.id.desc())
        )
        rows = self.datamodel.session.execute(query).scalars().all()
        return [(row, self.readable_changes(row.changes)) for row in rows]

    def readable_changes(self, changes: dict[str, Any]) -> list[tuple[str, str | None, str]]:
        """Each change as (label, before, after) in words: code labels, state labels, org names; a
        materials receipt's change names its item (app/services/materials.py)."""
        out: list[tuple[str, str | None, str]] = []
        receipt = history_lines(changes)
        if receipt is not None:
            return receipt
        for name, (old, new) in changes.items():
            meta = self.metas.get(name)
            if name == "state" and self.workflow is not None:
                label = self.label_columns.get(name, name)
                out.append((str(label), self.workflow.state_label(old), self.workflow.state_label(new)))
            elif name == "rule_readings":
                before = "；".join(policy.shown_readings(old)) or None
                out.append((str(_l("Parameters applied")), before, "；".join(policy.shown_readings(new))))
            elif meta is None and isinstance(old or new, dict | list):
                continue  # a computed breakdown (pay items): the record's page shows it in words
            elif meta is None and self.label_columns.get(name) in (None, self._prettify_column(name)):
                continue  # a column the system keeps for itself (a sampling seed, a period end): no label
            elif meta is None:
                out.append((str(self.label_columns[name]), str(old or ""), str(new or "")))
            elif name == "org_id":
                out.append((str(meta.label), org_name(old), org_name(new)))
            else:
                out.append((str(meta.label), display(meta, old), display(meta, new)))
        return out

    def transfer_choices(self, item: Any) -> list[Any]:
        if not self.appbuilder.sm.has_access("can_write", self.class_permission_name):
            return []
        # the same tier, or one level up or down the record's own branch (a town's person to one of its
        # communities, a community's back to its town): always inside the user's territory
        query = select(OrgUnit).where(
            or_(
                OrgUnit.level == item.org.level,
                OrgUnit.parent_id == item.org_id,
                OrgUnit.id == item.org.parent_id,
            ),
            OrgUnit.active.is_(True),
            OrgUnit.id != item.org_id,
            org_units_in_territory(current_actor()),
        )
        return list(self.datamodel.session.execute(query.order_by(OrgUnit.path)).scalars())


def source_formatters(model: Any) -> dict[str, Any]:
    """A list's formatter of a `__source__` ledger column (a follow-up's 来源台账): the ledger's Chinese name."""
    source = getattr(model, "__source__", None)
    return {source[0]: source_label} if source else {}


def source_label(name: Any) -> str:
    """A ledger's registry name as its Chinese name (an unknown name as it is)."""
    spec = registry.LEDGERS.get(name or "")
    return str(spec.model.__ledger_label__) if spec is not None else str(name or "")


def source_link(name: Any, row_id: Any) -> Any:
    """A link to a record of the ledger `name` (its page refuses a record outside the user's territory)."""
    view = registry.VIEWS.get(name or "")
    if view is None:
        return str(row_id)
    url = url_for(f"{view.__name__}.show", pk=row_id)
    return Markup(f'<a class="source-record" href="{escape(url)}">{escape(source_label(name))} #{row_id}</a>')


def org_name(org_id: Any) -> str:
    if org_id is None:
        return ""
    org = ledger.session().get(OrgUnit, org_id)
    return org.name if org is not None else str(org_id)
