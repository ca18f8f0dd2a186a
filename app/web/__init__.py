"""The web layer every ledger gets without code of its own: the LedgerView base (ledger_view.py: list,
record page, forms, history, transfer, void and restore, with the workflow, materials, notice and Excel
mixins of the kernel packages below), the REST API of a ledger (ledger_api.py) and bulk actions of some
tiers only (bulk_actions.py). It sits above every other kernel package."""
