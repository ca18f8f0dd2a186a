"""Users 工作人员账号: FAB's user extended with the org unit the user works for (CATALOG E02).
The unit decides the territory the user sees: their own unit and everything below it."""

from __future__ import annotations

from flask_appbuilder.security.sqla.models import User
from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.org import OrgUnit


class LedgerUser(User):
    """账号: a clerk, reviewer, inspector or administrator, belonging to exactly one org unit."""

    __tablename__ = "ab_user"

    org_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("org_unit.id"), nullable=True, index=True)
    org: Mapped[OrgUnit | None] = relationship(OrgUnit, lazy="joined")
