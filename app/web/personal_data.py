"""Personal data on a ledger's list page and its exports: for users without the PII permission, the columns
declared `pii` are no search field, filter or sort order (a prefix search would spell an ID number out digit
by digit, a sort order would rank it)."""

from __future__ import annotations

from typing import Any

from flask_appbuilder.models.filters import Filters

from app.ledger.columns import pii_columns
from app.ledger.display import can_see_pii


class PersonalFilters(Filters):
    """A view's filters that drop a filter on a personal column unless the user may read it."""

    personal: frozenset[str] = frozenset()

    def add_filter_index(self, column_name: str, filter_instance_index: int, value: Any) -> None:
        if column_name in self.personal and not can_see_pii():
            return
        super().add_filter_index(column_name, filter_instance_index, value)


class PersonalDataMixin:
    """Mixed into LedgerView, before FAB's ModelView (which gives model, _filters and the widgets)."""

    model: Any
    _filters: Any

    def guard_personal_filters(self) -> None:
        """After FAB built the view's filters (the list page's, which the exports reuse)."""
        self._filters.__class__ = PersonalFilters
        self._filters.personal = pii_columns(self.model)

    def _get_list_widget(self, filters: Any, actions: Any = None, **kwargs: Any) -> Any:
        order_column = kwargs.pop("order_column", "")
        if order_column in pii_columns(self.model) and not can_see_pii():
            order_column = ""
        return super()._get_list_widget(  # type: ignore[misc]
            filters, actions=actions, order_column=order_column, **kwargs
        )

    def _get_search_widget(self, form: Any = None, exclude_cols: Any = None, widgets: Any = None) -> Any:
        hidden = [] if can_see_pii() else sorted(pii_columns(self.model))
        excluded = [*(exclude_cols or []), *hidden]
        return super()._get_search_widget(form, excluded, widgets)  # type: ignore[misc]
