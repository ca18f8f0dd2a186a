"""Materials checklists per record 材料收取 (CATALOG §6; R-22).

A ledger spec declares `checklist="CK-01"` — or a function of the record returning a code, e.g. by loan
type — and its records get: the materials panel on their page (received / missing, copy sealed where R-22
asks, received date, optional scanned file), the printable 一次性告知单 of what is missing, and the
precondition "materials" that a workflow step asks for with `Transition(..., needs_materials=True)`: the
engine refuses it with the list of missing items. Receipts are `MaterialReceipt` rows keyed by ledger name,
record id, checklist code and item number; their changes appear in the record's change history.

Scanned files: pdf, jpg or png only (extension and content checked), at most ATTACHMENT_MAX_BYTES, stored
under ATTACHMENTS_DIR (instance/attachments/<ledger>/<id>/), outside the database, and served only through
the ledger view's scoped route.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import clock, ledger
from app.ledger import registry
from app.security.scope import current_actor
from models.base import column_meta
from models.policy import MaterialReceipt
from seed.checklists import CHECKLISTS, Checklist, Item

FILE_KINDS = {  # extension -> (mime type, leading bytes)
    "pdf": ("application/pdf", (b"%PDF",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


@dataclass
class Line:
    """One checklist item of one record: what the panel and the 告知单 show."""

    number: int
    item: Item
    receipt: MaterialReceipt | None

    @property
    def received(self) -> bool:
        return self.receipt is not None and self.receipt.received

    @property
    def stamped(self) -> bool:
        return self.receipt is not None and self.receipt.copy_stamped

    @property
    def complete(self) -> bool:
        return self.received and (self.stamped or not self.item.copy_stamped)

    @property
    def missing_label(self) -> str:
        if not self.received:
            return self.item.label
        return str(_l("%(item)s (copy not sealed)", item=self.item.label))


def checklist_of(obj: Any) -> Checklist | None:
    spec = registry.spec_of(obj)
    declared = spec.checklist if spec is not None else None
    code = declared(obj) if callable(declared) else declared
    return CHECKLISTS.get(code) if code else None


def receipts(obj: Any, checklist: Checklist) -> dict[int, MaterialReceipt]:
    query = select(MaterialReceipt).where(
        MaterialReceipt.ledger == type(obj).__ledger__,
        MaterialReceipt.row_id == obj.id,
        MaterialReceipt.checklist == checklist.code,
    )
    return {r.item: r for r in ledger.session().execute(query).scalars()}


def lines(obj: Any, checklist: Checklist | None = None) -> list[Line]:
    checklist = checklist or checklist_of(obj)
    if checklist is None:
        return []
    got = receipts(obj, checklist)
    return [Line(n, item, got.get(n)) for n, item in enumerate(checklist.items, 1)]


def missing(obj: Any) -> list[str]:
    """The required items not (properly) received: the labels the guard and the 告知单 list."""
    return [line.missing_label for line in lines(obj) if line.item.required and not line.complete]


def receipt_for(obj: Any, checklist: Checklist, number: int) -> MaterialReceipt:
    got = receipts(obj, checklist).get(number)
    if got is None:
        got = MaterialReceipt(
            ledger=type(obj).__ledger__, row_id=obj.id, checklist=checklist.code, item=number, received=False
        )
        ledger.session().add(got)
    return got


def record(obj: Any, form: dict[str, Any]) -> int:
    """Save the ticks of the materials form: `received_<n>`, `stamped_<n>`, `received_on_<n>`, `note_<n>`.
    A received item without a date gets today's. Returns how many items changed."""
    checklist = checklist_of(obj)
    if checklist is None or obj.voided_at is not None:
        raise ledger.LedgerError({"": _l("This record has no materials checklist")})
    changed = 0
    actor_id = getattr(current_actor(), "id", None)
    for number, _item in enumerate(checklist.items, 1):
        received = bool(form.get(f"received_{number}"))
        stamped = bool(form.get(f"stamped_{number}"))
        raw_on = (form.get(f"received_on_{number}") or "").strip()
        note = (form.get(f"note_{number}") or "").strip() or None
        try:
            on = date.fromisoformat(raw_on) if raw_on else None
        except ValueError:
            raise ledger.LedgerError({"": _l("Not a valid value: %(value)s", value=raw_on)}) from None
        existing = receipts(obj, checklist).get(number)
        if existing is None and not (received or stamped or note):
            continue
        row = existing or receipt_for(obj, checklist, number)
        on = on or (row.received_on if received else None) or (clock.today() if received else None)
        new = (received, on if received else None, stamped, note)
        if (row.received, row.received_on, row.copy_stamped, row.note) != new:
            row.received, row.received_on, row.copy_stamped, row.note = new
            row.updated_by_id = actor_id
            changed += 1
    ledger.session().flush()
    return changed


def attachments_dir() -> Path:
    return Path(current_app.config["ATTACHMENTS_DIR"])


def attach(obj: Any, number: int, filename: str, content: bytes) -> MaterialReceipt:
    """Store a scanned file for item `number` (pdf/jpg/png, within the size limit); refused in Chinese."""
    checklist = checklist_of(obj)
    if checklist is None or not 1 <= number <= len(checklist.items):
        raise ledger.LedgerError({"": _l("This record has no materials checklist")})
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = FILE_KINDS.get(extension)
    if kind is None or not content.startswith(kind[1]):
        raise ledger.LedgerError({"file": _l("Only PDF, JPG or PNG files can be attached")})
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    if len(content) > limit:
        raise ledger.LedgerError(
            {"file": _l("The file is larger than %(mb)s MB", mb=round(limit / 1024 / 1024, 1))}
        )
    relative = (
        Path(type(obj).__ledger__) / str(obj.id) / f"{checklist.code}-{number}-{uuid.uuid4().hex}.{extension}"
    )
    target = attachments_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    row = receipt_for(obj, checklist, number)
    row.attachment_path = relative.as_posix()
    row.attachment_name = Path(filename).name[:200]
    row.attachment_size = len(content)
    row.attachment_mime = kind[0]
    row.updated_by_id = getattr(current_actor(), "id", None)
    ledger.session().flush()
    return row


def attachment_file(obj: Any, number: int) -> tuple[Path, MaterialReceipt] | None:
    checklist = checklist_of(obj)
    row = receipts(obj, checklist).get(number) if checklist else None
    if row is None or not row.attachment_path:
        return None
    path = (attachments_dir() / row.attachment_path).resolve()
    if attachments_dir().resolve() not in path.parents or not path.is_file():
        return None
    return path, row


registry.KERNEL.preconditions["materials"] = missing  # Transition(..., needs_materials=True)


# ---- a receipt's entries in its record's change history -------------------------------------------------

RECEIPT_KEYS = ("ledger", "row_id", "checklist", "item")  # what names the item; not shown as changes


def history_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(_l("Yes") if value else _l("No"))
    return "" if value is None else str(value)


def history_lines(changes: dict[str, Any]) -> list[tuple[str, str | None, str]] | None:
    """A receipt's change as its record's history shows it: the item (its checklist, number and label;
    no "before" value), then each changed field by its label. None when `changes` are not a receipt's (its
    audit rows always carry `checklist` and `item`, see MaterialReceipt.audit_keys)."""
    if "checklist" not in changes or "item" not in changes:
        return None
    code, number = changes["checklist"][-1], changes["item"][-1]
    checklist = CHECKLISTS.get(code)
    known = checklist is not None and isinstance(number, int) and 0 < number <= len(checklist.items)
    # the checklist by its title: its code (CK-34) is the catalog's key, not a word a clerk reads
    title = checklist.title if checklist is not None else _l("Materials")
    item = _l("%(checklist)s item %(number)s", checklist=title, number=number)
    named = f"{item}：{checklist.items[number - 1].label}" if known and checklist is not None else str(item)
    labels = {meta.name: meta.label for meta in column_meta(MaterialReceipt)}
    out: list[tuple[str, str | None, str]] = [(str(_l("Materials")), None, named)]
    for name, (old, new) in changes.items():
        if name in labels and name not in RECEIPT_KEYS:
            out.append((str(labels[name]), history_value(old), history_value(new)))
    return out
