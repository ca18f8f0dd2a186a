"""The ledger kernel: the registry of `Ledger` specs (registry.py), the one validation path
(validation.py), the write commands (commands.py) with bulk mode for imports (bulk.py), and how values
read on screen (display.py). The view and REST API every ledger gets are app/web/'s.

`from app import ledger` gives the commands' API: `ledger.create(model, values)`, `ledger.update`,
`ledger.void`, `ledger.LedgerError`, ...
"""

from app.ledger.base import STALE_MESSAGE, LedgerError, commit, record_id, session
from app.ledger.bulk import bulk_writes, flush_bulk, ledger_columns
from app.ledger.commands import assign, check_org, check_version, create, restore, transfer, update, void
from app.ledger.registry import LEDGERS, DueDate, Ledger, ledger_model, register, spec, spec_of
from app.ledger.validation import validate_values

__all__ = [
    "LEDGERS",
    "DueDate",
    "STALE_MESSAGE",
    "Ledger",
    "LedgerError",
    "assign",
    "bulk_writes",
    "check_org",
    "check_version",
    "commit",
    "create",
    "flush_bulk",
    "ledger_columns",
    "ledger_model",
    "record_id",
    "register",
    "restore",
    "session",
    "spec",
    "spec_of",
    "transfer",
    "update",
    "validate_values",
    "void",
]
