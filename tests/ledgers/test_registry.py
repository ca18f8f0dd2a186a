"""Every registered ledger is covered by the generic ledger tests (a LedgerCase subclass)."""

import importlib
import pkgutil

import tests.ledgers
from app.ledger import LEDGERS
from tests.ledgers.case import CASES


def test_registry__every_ledger_has_a_ledger_case(app: object) -> None:
    for module in pkgutil.iter_modules(tests.ledgers.__path__):
        importlib.import_module(f"tests.ledgers.{module.name}")
    assert LEDGERS, "no ledger registered"
    assert sorted(LEDGERS) == sorted(CASES), f"ledgers without a LedgerCase: {set(LEDGERS) - set(CASES)}"
