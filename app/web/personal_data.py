"""Personal data on a ledger's list page: for users without the PII permission, the columns declared `pii`
are no search field, filter or sort order (a prefix search would spell an ID number out digit by digit)."""

from __future__ import annotations

from typing import Any

from app.ledger.columns import pii_columns
from app.ledger.display import can_see_pii


class PersonalDataMixin:
    """Mixed into LedgerView, before FAB's ModelView (which gives model and the list and search widgets)."""

    model: Any

    def _get_list_widget(self, filters: Any, actions: Any = None, **kwargs: Any) -> Any:
        order_column = kwargs.pop("order_column", "")
        if not can_see_pii():
            hidden = pii_columns(self.model)
            kept = [
                (f, v)
                for f, v in zip(filters.filters, filters.values, strict=True)
                if f.column_name not in hidden
            ]
            filters.filters, filters.values = [f for f, _ in kept], [v for _, v in kept]
            order_column = "" if order_column in hidden else order_column
        return super()._get_list_widget(  # type: ignore[misc]
            filters, actions=actions, order_column=order_column, **kwargs
        )

    def _get_search_widget(self, form: Any = None, exclude_cols: Any = None, widgets: Any = None) -> Any:
        hidden = [] if can_see_pii() else sorted(pii_columns(self.model))
        excluded = [*(exclude_cols or []), *hidden]
        return super()._get_search_widget(form, excluded, widgets)  # type: ignore[misc]
