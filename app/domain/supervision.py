"""supervision_notice (督办通知, CATALOG WF-N1): a unit above urges a unit below (the inspector 督查 from the
超期督办 board, which writes this ledger only: seed/roles.py); the notice records when and by whom it was
sent, and the answer's day and who gave it (the workflow's `answer` step, seed/workflows/supervision.py,
writes the explanation itself)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app import clock, ledger
from app.security.scope import current_actor
from models.org import OrgUnit
from models.supervision import SupervisionNotice
from seed.workflows.supervision import SUPERVISION_NOTICE


def full_name(user: Any) -> str:
    return f"{user.first_name or ''}{user.last_name or ''}".strip() or str(user.username)


def sent_from_above(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """A notice urges a unit below the sender's own (the district and its inspector urge towns and
    communities, a town its communities: CATALOG F43, WF-73); it is dated and signed by its sender."""
    if existing is not None:
        return {}
    actor = current_actor()
    unit = (
        ledger.session().get(OrgUnit, values.get("org_id")) if isinstance(values.get("org_id"), int) else None
    )
    own = getattr(actor, "org", None)
    if unit is not None and own is not None and not unit.path.startswith(own.path + "/"):
        return {"org_id": _l("A supervision notice goes to a unit below your own")}
    values["sent_on"], values["sender_name"] = clock.today(), full_name(actor)
    return {}


def on_answer(obj: Any, transition: str, event: Any) -> None:
    if isinstance(obj, SupervisionNotice) and transition == "answer":
        obj.answered_on, obj.answerer_name = event.on_date, full_name(current_actor())


SUPERVISION = ledger.register(
    ledger.Ledger(
        SupervisionNotice,
        chapter="supervision",
        workflow=SUPERVISION_NOTICE,
        checks=(sent_from_above,),
        after_fire=(on_answer,),
        # a sent notice is the record of what was urged: neither its sender nor the urged unit edits, voids or
        # redirects it; it changes only by its answer step
        locked=("sent",),
    )
)
