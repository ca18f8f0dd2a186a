"""政策参数 administration (系统 → 政策参数; 系统管理员 edits): effective-dated policy figures (app/services/policy.py).
A change of rate is a new row from its date; every add, edit and delete is in the change history."""

from __future__ import annotations

from typing import Any

from flask_appbuilder import ModelView
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from app.services.policy import check_parameter
from app.templating import manual_reference
from models.base import column_meta
from models.policy import PARAMETER_KINDS, PolicyParameter
from views.admin import ADMIN_MENU, OrgUnitView


class KindSelectField(SelectField):
    def __init__(self, label: Any = None, **kwargs: Any):
        super().__init__(label, **kwargs)
        self.choices = [(k, str(v)) for k, v in PARAMETER_KINDS.items()]


class PolicyParameterView(ModelView):
    """政策参数: one row per (key, effective date)."""

    datamodel = SQLAInterface(PolicyParameter)
    list_title = show_title = add_title = edit_title = _l("Policy parameters")
    class_permission_name = "policy_parameter"
    route_base = "/policy/parameters"
    method_permission_name = OrgUnitView.method_permission_name
    label_columns = {meta.name: meta.label for meta in column_meta(PolicyParameter)} | {
        "kind_label": _l("Kind"),
        "value_label": _l("Value"),
    }
    description_columns = {m.name: m.description for m in column_meta(PolicyParameter) if m.description}
    # the key is how the rules name a figure: typed when a figure is added, never shown to read
    list_columns = ["label", "value_label", "unit", "effective_from", "note"]
    show_columns = [
        "label",
        "kind_label",
        "value_label",
        "unit",
        "effective_from",
        "source",
        "note",
    ]
    add_columns = ["key", "label", "kind", "value", "unit", "effective_from", "source", "note", "choices"]
    edit_columns = add_columns
    search_columns = ["label", "effective_from", "note"]
    add_form_extra_fields = {"kind": KindSelectField(_l("Kind"))}
    edit_form_extra_fields = add_form_extra_fields
    formatters_columns = {"note": manual_reference, "source": manual_reference}
    base_order = ("key", "asc")
    page_size = 50

    def pre_add(self, item: PolicyParameter) -> None:
        check_parameter(item)

    pre_update = pre_add


def register_views(appbuilder: Any) -> None:
    appbuilder.add_view(
        PolicyParameterView,
        "policy_parameters",
        label=_l("Policy parameters"),
        icon="fa-sliders",
        category="System",
        category_label=ADMIN_MENU,
    )
