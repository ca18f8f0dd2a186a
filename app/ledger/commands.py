"""The ledger commands: every write (form, API, import, command line, background task) goes through
them. They run the one validation path (app/ledger/validation.py), the territorial guard and the version
check, call the hooks of the ledger's spec and the kernel's, and leave the change history to the flush
listener (app/audit.py)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.audit import ACTION_KEY, COMMENT_KEY
from app.ledger import bulk as bulk_mode
from app.ledger.base import STALE_MESSAGE, LedgerError, flush, record_id, session
from app.ledger.bulk import ledger_columns, new_row
from app.ledger.columns import writable
from app.ledger.registry import KERNEL, spec_of
from app.ledger.validation import validate_values
from app.security.scope import current_actor, in_territory
from models.base import utcnow
from models.org import OrgUnit


def check_org(org_id: Any) -> OrgUnit:
    bulk = bulk_mode.current()
    if bulk is None:
        return checked_org(org_id)
    if org_id not in bulk.orgs:
        try:
            bulk.orgs[org_id] = checked_org(org_id)
        except LedgerError as exc:
            bulk.orgs[org_id] = exc
    answer = bulk.orgs[org_id]
    if isinstance(answer, LedgerError):
        raise LedgerError(dict(answer.errors))
    return answer


def checked_org(org_id: Any) -> OrgUnit:
    if org_id not in (None, "") and record_id(org_id) is None:
        raise LedgerError({"org_id": _l("Not a valid value: %(value)s", value=org_id)})
    org = session().get(OrgUnit, record_id(org_id)) if org_id else None
    if org is None:
        raise LedgerError({"org_id": _l("This field is required")})
    if not in_territory(org, current_actor()):
        raise LedgerError({"org_id": _l("%(org)s is outside your territory", org=org.name)})
    if not org.active:
        raise LedgerError({"org_id": _l("%(org)s has been deactivated", org=org.name)})
    return org


def check_version(obj: Any, expected_version: Any) -> None:
    if expected_version in (None, ""):
        raise LedgerError({"": _l("The record version is missing; please refresh and try again")})
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise LedgerError({"version": _l("The record version is not a whole number")}) from None
    if isinstance(expected_version, bool) or expected != obj.version:
        raise LedgerError({"": STALE_MESSAGE})


def check_unlocked(obj: Any) -> None:
    """A record in a state that locks it (final, or declared in its spec) changes only by workflow steps."""
    spec = spec_of(obj)
    if spec is not None and getattr(obj, "state", None) in spec.locked_states:
        state = spec.workflow.state_label(obj.state) if spec.workflow is not None else obj.state
        raise LedgerError(
            {"": _l("The record is %(state)s: it changes only through its workflow steps", state=state)}
        )


def assign(obj: Any, values: dict[str, Any]) -> None:
    names = ledger_columns(type(obj))  # type: ignore[arg-type]  # mypy: type[Any] is not Hashable
    for key, value in values.items():
        if key in names:
            setattr(obj, key, None if value == "" else value)


def create(model: type, values: dict[str, Any]) -> Any:
    """Add a ledger row inside the actor's territory (not committed). In bulk mode (an import) the
    validated row of a ledger without a workflow is queued for flush_bulk() and returned as a dict."""
    values = writable(model, values)
    errors = validate_values(model, values)
    try:
        check_org(values.get("org_id"))
    except LedgerError as exc:
        errors.update(exc.errors)
    if errors:
        raise LedgerError(errors)
    bulk = bulk_mode.current()
    if bulk is not None and bulk.model is model and batched(model):
        row = new_row(model, values)  # written by flush_bulk() with the batch
        bulk.pending.append(row)
        for column, keys in bulk.keys.items():  # the new row's keys clash with later rows of the batch
            keys[row.get(column)] = (None, row["org_id"])
        return row
    obj = model()
    assign(obj, values)
    session().add(obj)
    for kernel_hook in KERNEL.created:  # the workflow's initial state and deadlines
        kernel_hook(obj)
    if bulk is None:
        flush()
    else:
        for column, keys in bulk.keys.items():
            keys[values.get(column)] = (None, obj.org_id)
    spec = spec_of(model)
    for hook in spec.after_create if spec is not None else ():
        hook(obj)
    return obj


def batched(model: Any) -> bool:
    """Whether an import may queue the model's new rows for one batched INSERT: not when a row's creation
    does more (a workflow starts, after-create hooks) or its checks read other rows, which must see the
    rows before it."""
    spec = spec_of(model)
    return spec is None or (spec.workflow is None and not spec.after_create and not spec.checks)


def update(obj: Any, values: dict[str, Any], expected_version: Any) -> Any:
    """Change a ledger row; the org unit only changes through transfer()."""
    check_version(obj, expected_version)
    if obj.voided_at is not None:
        raise LedgerError({"": _l("A voided record cannot be edited")})
    check_unlocked(obj)
    values = {k: v for k, v in writable(type(obj), values).items() if k != "org_id"}
    errors = validate_values(type(obj), values, existing=obj)
    if errors:
        raise LedgerError(errors)
    before = {name: getattr(obj, name) for name in values if hasattr(obj, name)}
    assign(obj, values)
    spec = spec_of(obj)
    for hook in (*KERNEL.updated, *(spec.after_update if spec is not None else ())):
        hook(obj, before)
    if bulk_mode.current() is None:
        flush()
    return obj


def transfer(obj: Any, org_id: Any, reason: str, expected_version: Any) -> Any:
    """Move a row to another unit of the actor's territory, with the reason in the history."""
    check_version(obj, expected_version)
    check_unlocked(obj)
    if not (reason or "").strip():
        raise LedgerError({"reason": _l("Please give a reason")})
    org = check_org(org_id)
    obj.org_id = org.id
    session().info[COMMENT_KEY] = reason.strip()
    session().info[ACTION_KEY] = "transfer"
    flush()
    return obj


def void(obj: Any, reason: str) -> Any:
    """作废: the row stays, hidden from lists, with who, when and why in the history."""
    if not (reason or "").strip():
        raise LedgerError({"reason": _l("Please give a reason for voiding")})
    if obj.voided_at is not None:
        raise LedgerError({"": _l("The record is already voided")})
    check_unlocked(obj)
    obj.voided_at = utcnow()
    obj.voided_by_id = getattr(current_actor(), "id", None)
    obj.void_reason = reason.strip()
    session().info[COMMENT_KEY] = reason.strip()
    flush()
    return obj


def restore(obj: Any, reason: str = "") -> Any:
    if obj.voided_at is None:
        raise LedgerError({"": _l("The record is not voided")})
    obj.voided_at = None
    obj.voided_by_id = None
    obj.void_reason = None
    session().info[COMMENT_KEY] = reason.strip() or None
    flush()
    return obj
