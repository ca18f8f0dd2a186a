"""The ledgers' list widget: FAB's table with its row buttons built once per page, and each cell labelled by
its column (`data-label`), so that at phone width (app/static/css/kernel.css) every row shows as a card of
label: value lines instead of a table wider than the screen."""

from flask_appbuilder.widgets import ListWidget


class CardListWidget(ListWidget):
    template = "ledger/list_widget.html"
