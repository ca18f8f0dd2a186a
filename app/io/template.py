"""The import template of a ledger: Chinese headers (required ones marked *), drop-down lists for
code-list and org columns, text format for ID and phone columns, date format for dates, and a
填写说明 sheet explaining every column."""

from __future__ import annotations

from typing import Any

import xlsxwriter
from flask_babel import lazy_gettext as _l

from app import codes
from app.io import paper
from app.io.columns import ColumnSpec, OrgNames, header, specs
from app.ledger import ledger_model
from app.security.scope import acting_as

TEMPLATE_ROWS = 5000  # rows that carry the drop-downs and formats
KIND_HELP = {
    "org": _l("Unit name (or unit code) inside your territory"),
    "code": _l("Choose from the list (label or code)"),
    "date": _l("Date such as 2026-01-05"),
    "number": _l("Number"),
    "bool": _l("是 or 否"),
    "verbatim": _l("Text; keep this column formatted as text"),
    "text": _l("Text"),
}


def write_template(ledger_name: str, user: Any, out: Any) -> None:
    model = ledger_model(ledger_name)
    with acting_as(user):
        columns = specs(model)
        orgs = OrgNames(user)
        book = xlsxwriter.Workbook(out)
        sheet = book.add_worksheet(str(_l("Data")))
        guide = book.add_worksheet(str(_l("Instructions")))
        lists = book.add_worksheet(str(_l("Lists")))
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        required = book.add_format(
            {"bold": True, "bg_color": "#FCE4D6", "border": 1, "font_color": "#C00000"}
        )
        kinds = {
            "date": book.add_format({"num_format": "yyyy-mm-dd"}),
            "verbatim": book.add_format({"num_format": "@"}),
        }
        unit_names = sorted((orgs.text[i] for i in orgs.mine), key=str)
        for index, spec in enumerate(columns):
            sheet.set_column(index, index, spec.width, kinds.get(spec.kind))
            sheet.write_string(
                0, index, header(spec, mark_required=True), required if spec.required else head
            )
            choices = (
                unit_names
                if spec.kind == "org"
                else [label for _, label in codes.choices(spec.code_list or "")]
            )
            if spec.kind == "bool":
                choices = [str(_l("Yes")), str(_l("No"))]
            if choices:
                lists.write_string(0, index, spec.label, head)
                for row, text in enumerate(choices, start=1):
                    lists.write_string(row, index, text)
                column = xlsxwriter.utility.xl_col_to_name(index)
                sheet.data_validation(
                    1,
                    index,
                    TEMPLATE_ROWS,
                    index,
                    {
                        "validate": "list",
                        "source": f"='{lists.name}'!${column}$2:${column}${len(choices) + 1}",
                        "error_type": "warning",
                    },
                )
        paper.print_setup(sheet, len(columns), 0)
        write_guide(guide, columns, head)
        paper.print_setup(guide, 4, 0)
        paper.print_setup(lists, len(columns), 0)
        book.close()


def write_guide(guide: Any, columns: list[ColumnSpec], head: Any) -> None:
    titles = [_l("Column"), _l("Required"), _l("How to fill in"), _l("Notes")]
    for col, (title, width) in enumerate(zip(titles, (18, 8, 40, 50), strict=True)):
        guide.set_column(col, col, width)
        guide.write_string(0, col, str(title), head)
    for row, spec in enumerate(columns, start=1):
        guide.write_string(row, 0, spec.label)
        guide.write_string(row, 1, str(_l("Yes")) if spec.required else "")
        guide.write_string(row, 2, str(KIND_HELP[spec.kind]))
        notes = [spec.description] if spec.description else []
        if spec.name == "id":
            notes.append(
                str(_l("Empty for a new record; the number of an exported record updates that record"))
            )
        elif spec.natural_key:
            notes.append(
                str(
                    _l(
                        "Identifies the record: a row whose value is already in the ledger updates it, is skipped or is an error, as chosen when importing"
                    )
                )
            )
        guide.write_string(row, 3, "；".join(notes))
    guide.write_string(
        len(columns) + 2, 0, str(_l("Columns marked * are required. Do not rename, add or remove columns."))
    )
