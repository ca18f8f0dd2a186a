"""Policy parameters 政策参数: the value of a policy figure in force on a date.

    parameter("notice.days", on=date(2026, 10, 9))       -> 7
    parameter("si.pension.unit_rate", on=...)             -> Decimal("0.20")
    reading("district_subsidy.D1.amount", on=...)         -> {"key", "value", "effective_from"} (for rule_readings)

A parameter is a set of rows (key, effective_from, value, kind); the row in force on a day is the one with the
latest effective_from on or before it. A change is a new row from its date: results computed earlier keep the
value they stored (and `rule_readings` says which row it was). Kinds: money and rate → Decimal, integer → int,
text and choice → str (a choice is the code of the reading in force, see seed/policy_parameters.py).
`in_force` and `typed` are pure (tests/unit/test_policy.py); `parameter` reads the table.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import ledger
from models.policy import PARAMETER_KINDS, PolicyParameter


class Row(Protocol):
    key: str
    kind: str
    value: str
    effective_from: date


class PolicyError(ledger.LedgerError):
    """No parameter in force, or a value that does not read as its kind (a Chinese message)."""


def missing(key: str, on: date) -> PolicyError:
    return PolicyError(
        {
            "": _l(
                "No policy parameter “%(key)s” is in force on %(date)s; the administrator must enter it "
                "under System → Policy parameters",
                key=key,
                date=on.isoformat(),
            )
        }
    )


def in_force(rows: Iterable[Row], key: str, on: date) -> Row | None:
    """The row of `key` in force on `on`: the latest effective_from on or before that day."""
    candidates = [row for row in rows if row.key == key and row.effective_from <= on]
    return max(candidates, key=lambda row: row.effective_from, default=None)


def typed(kind: str, value: str) -> Any:
    """The stored text as its kind's Python value; ValueError when it does not read."""
    text = (value or "").strip()
    if kind in ("money", "rate"):
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(text) from exc
        if not number.is_finite():
            raise ValueError(text)
        return number
    if kind == "integer":
        return int(text)
    if kind in ("text", "choice"):
        return text
    raise ValueError(kind)


def check_parameter(item: PolicyParameter) -> None:
    """The administrator's row (系统 → 政策参数, before it is saved): the value must read as its kind; a choice must be one of its readings."""
    if item.kind not in PARAMETER_KINDS:
        raise ValueError(str(_l("Unknown kind: %(kind)s", kind=item.kind)))
    try:
        typed(item.kind, item.value)
    except ValueError:
        raise ValueError(
            str(_l("“%(value)s” is not a valid %(kind)s", value=item.value, kind=item.kind_label))
        ) from None
    if item.kind == "choice" and item.value.strip() not in item.choice_map():
        raise ValueError(
            str(_l("Choose one of the readings: %(codes)s", codes="、".join(item.choice_map()) or "—"))
        )


def row_in_force(key: str, on: date) -> PolicyParameter:
    query = (
        select(PolicyParameter)
        .where(PolicyParameter.key == key, PolicyParameter.effective_from <= on)
        .order_by(PolicyParameter.effective_from.desc())
        .limit(1)
    )
    row = ledger.session().execute(query).scalars().first()
    if row is None:
        raise missing(key, on)
    return row


def parameter(key: str, on: date) -> Any:
    """The typed value of `key` in force on `on`; PolicyError (Chinese message) when none is."""
    row = row_in_force(key, on)
    try:
        return typed(row.kind, row.value)
    except ValueError as exc:
        raise PolicyError(
            {"": _l("Policy parameter “%(key)s” has an invalid value: %(value)s", key=key, value=row.value)}
        ) from exc


def reading(key: str, on: date) -> dict[str, Any]:
    """What a computed result stores about the parameter it used (its rule_readings entry)."""
    row = row_in_force(key, on)
    return {
        "key": key,
        "value": row.value,
        "kind": row.kind,
        "effective_from": row.effective_from.isoformat(),
    }


PENDING_MARK = (
    "待核定"  # the note of a placeholder row the manual gives no figure for (seed/policy_parameters.py)
)


def stored_readings(readings: Any) -> list[dict[str, Any]]:
    """Every parameter reading inside a record's `rule_readings`, however nested."""
    if isinstance(readings, dict):
        if "key" in readings and "effective_from" in readings:
            return [readings]
        return [found for value in readings.values() for found in stored_readings(value)]
    if isinstance(readings, list):
        return [found for value in readings for found in stored_readings(value)]
    return []


def shown_readings(readings: Any) -> list[str]:
    """The parameters a stored result used, as a clerk reads them: "区级补贴金额 = 0.00 元（2011-01-01 起）" — the
    parameter's Chinese name, never its key."""
    shown = []
    for used in stored_readings(readings):
        query = select(PolicyParameter).where(PolicyParameter.key == used.get("key")).limit(1)
        row = ledger.session().execute(query).scalars().first()
        label = row.label if row is not None else _l("Policy parameter")
        unit = (row.unit or "") if row is not None else ""
        value = row.choice_map().get(str(used.get("value")), used.get("value", "")) if row is not None else ""
        since = _l("effective from %(day)s", day=used.get("effective_from", ""))
        shown.append(f"{label} = {value}{unit}（{since}）")
    return shown


def pending_labels(readings: Any) -> list[str]:
    """The money parameters a stored result read as 0.00 while they were placeholders (待核定, or set since
    then on the same row): their labels. Such a result must be computed again with the figure."""
    found = []
    for used in stored_readings(readings):
        if used.get("kind") != "money" or Decimal(str(used.get("value") or "0")) != 0:
            continue
        query = select(PolicyParameter).where(
            PolicyParameter.key == used["key"],
            PolicyParameter.effective_from == date.fromisoformat(used["effective_from"]),
        )
        row = ledger.session().execute(query).scalars().first()
        if row is not None and ((row.note or "").startswith(PENDING_MARK) or row.value != used["value"]):
            found.append(row.label)
    return found


def inputs_unchanged(existing: Any, current: dict[str, Any]) -> bool:
    """Whether a stored amount stands: a row whose inputs did not change and that was not computed from a
    placeholder (any save of such a row computes it again)."""
    return (
        existing is not None
        and all(value == getattr(existing, name) for name, value in current.items())
        and not pending_labels(getattr(existing, "rule_readings", None))
    )
