"""The error workbook of an import: only the rows that failed, 错误说明 first (column A, where the clerk
looks), then the original columns with the offending cells highlighted, so the clerk fixes them and uploads
this file (the importer ignores the 错误说明 column)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import xlsxwriter
from flask_babel import lazy_gettext as _l

from app.io import paper
from app.io.columns import ERROR_HEADER
from app.io.importer import ImportReport


def write_error_workbook(report: ImportReport, out: Any) -> None:
    labels = [str(cell or "").strip() for cell in report.header]
    keep = [col for col, label in enumerate(labels) if label != str(ERROR_HEADER)]
    position = {labels[col].rstrip("*＊"): index for index, col in enumerate(keep, start=1)}
    problems: dict[int, list[Any]] = {}
    for issue in report.issues:
        problems.setdefault(issue.row, []).append(issue)
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet(str(_l("Rows with errors")))
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    bad = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    bad_date = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "num_format": "yyyy-mm-dd"})
    plain_date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.set_column(0, 0, 60)
    sheet.write_string(0, 0, str(ERROR_HEADER), head)
    for index, col in enumerate(keep, start=1):
        sheet.set_column(index, index, 16)
        sheet.write_string(0, index, labels[col], head)
    paper.print_setup(sheet, len(keep) + 1, 0, frozen_columns=1)
    failed = [(number, cells) for number, cells in report.rows if number in problems]
    for out_row, (number, cells) in enumerate(failed, start=1):
        issues = problems[number]
        sheet.write_string(out_row, 0, "；".join(str(i) for i in issues), bad)
        marked = {position[i.column] for i in issues if i.column in position}
        for index, col in enumerate(keep, start=1):
            value = cells[col] if col < len(cells) else None
            if value is None and index not in marked:
                continue
            is_date = isinstance(value, date)
            style = (bad_date if is_date else bad) if index in marked else (plain_date if is_date else None)
            write(sheet, out_row, index, value, style)
    book.close()


def write(sheet: Any, row: int, col: int, value: Any, style: Any) -> None:
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, style)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, style)
    elif isinstance(value, datetime | date):
        sheet.write_datetime(row, col, value, style)
    else:
        sheet.write_string(row, col, str(value), style)
