"""Org units 机构 (CATALOG E01): 区 → 街（镇）社保所 → 社区（村）就业服务站.

Every ledger row and every user belongs to one unit. `path` is the chain of codes from the root
("110113/110113007/110113007001"), so a subtree is one indexed prefix match.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Model, field

LEVELS = {"district": _l("District"), "town": _l("Street/town"), "community": _l("Community/village")}
CHILD_LEVEL = {"district": "town", "town": "community"}


class OrgUnit(Model):
    """机构: the district bureau, a street/town social-security office, or a community/village station."""

    __tablename__ = "org_unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = field(String(32), _l("Unit code"), required=True, unique=True)
    name: Mapped[str] = field(String(100), _l("Unit name"), required=True)
    level: Mapped[str] = field(String(16), _l("Tier"), required=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"), nullable=True, index=True)
    path: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    active: Mapped[bool] = field(Boolean, _l("Active"), required=True, default=True)

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], lazy="select")

    def __str__(self) -> str:
        return self.name

    @property
    def level_label(self) -> str:
        return str(LEVELS.get(self.level, self.level))

    def contains(self, other: OrgUnit) -> bool:
        return other.path == self.path or other.path.startswith(self.path + "/")
