"""Every registered ledger is covered by the generic ledger tests (a LedgerCase subclass)."""

from app.ledger import LEDGERS
from tests.ledgers.case import CASES, load_cases


def test_registry__every_ledger_has_a_ledger_case(app: object) -> None:
    load_cases()
    assert LEDGERS, "no ledger registered"
    assert sorted(LEDGERS) == sorted(CASES), f"ledgers without a LedgerCase: {set(LEDGERS) - set(CASES)}"


def test_registry__optional_references_target_ledgers_with_an_outer_org_join(app: object) -> None:
    """A ledger referred to by an optional column (a vacancy's visit, a visit's plan) must load its org
    unit with an outer join: FAB's list query outer-joins the reference, and an inner-joined eager `org`
    under it would drop every row without one from the REST list (see models/visit.py)."""
    models = {spec.model for spec in LEDGERS.values()}
    for model in models:
        for relation in model.__mapper__.relationships:
            target = relation.mapper.class_
            column = next(iter(relation.local_columns))
            if target in models and column.nullable and relation.key != "org":
                org = target.__mapper__.relationships["org"]
                assert not org.innerjoin, f"{model.__name__}.{relation.key} → {target.__name__}.org"
