"""Rules of the org tree: where a new unit sits, and when a unit may be deleted (never with records)."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.ledger import registry
from app.security.scope import current_actor, in_territory
from models.org import CHILD_LEVEL, OrgUnit
from models.user import LedgerUser


class OrgRules:
    @staticmethod
    def place(item: OrgUnit) -> None:
        """Level and path follow from the parent, which must be in the admin's territory."""
        parent = item.parent
        if parent is None or not in_territory(parent, current_actor()):
            raise ValueError(str(_l("Choose a parent unit inside your territory")))
        if parent.level not in CHILD_LEVEL:
            raise ValueError(str(_l("A community/village cannot have sub-units")))
        item.level = CHILD_LEVEL[parent.level]
        item.path = f"{parent.path}/{item.code}"
        item.active = True

    @staticmethod
    def check_deletable(item: OrgUnit) -> None:
        session = current_app.appbuilder.session  # type: ignore[attr-defined]
        used = [
            session.execute(select(OrgUnit.id).where(OrgUnit.parent_id == item.id).limit(1)).first(),
            session.execute(select(LedgerUser.id).where(LedgerUser.org_id == item.id).limit(1)).first(),
        ]
        for model in registry.models():
            used.append(session.execute(select(model.id).where(model.org_id == item.id).limit(1)).first())
        if any(used):
            raise ValueError(str(_l("This unit has records, users or sub-units; deactivate it instead")))
