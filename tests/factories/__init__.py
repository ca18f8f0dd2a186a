"""Row builders and helpers shared by test modules, one module per family (person, employer, vacancy,
loan, si_subsidy, …). Import them from their module, `from tests.factories.person import make_person`:
this package re-exports nothing. Fixtures stay in the conftest.py files."""
