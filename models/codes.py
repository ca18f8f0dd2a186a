"""Code lists 字典 (docs/architecture.md): gender, ethnicity, education, hukou type, employment status, skill
level, industry, person categories … One table; items are added and deactivated, never deleted once used.
Ledger columns store the code; labels are looked up for display and export, and accepted on import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Model, field


class CodeItem(Model):
    """字典项: one item of one code list (e.g. education 21 = 大学本科)."""

    __tablename__ = "code_item"
    __table_args__ = (UniqueConstraint("list_key", "code", name="uq_code_item_list_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_key: Mapped[str] = field(String(40), _l("Code list"), required=True, index=True)
    list_title: Mapped[str] = field(String(100), _l("Code list title"), required=True)
    code: Mapped[str] = field(String(16), _l("Code"), required=True)
    label: Mapped[str] = field(String(100), _l("Label"), required=True)
    sort: Mapped[int] = field(Integer, _l("Sort order"), required=True, default=0)
    active: Mapped[bool] = field(Boolean, _l("Active"), required=True, default=True)

    def __str__(self) -> str:
        return f"{self.code} {self.label}"
