"""The error workbook of an import: the original rows with an 错误说明 column, offending cells
highlighted, so the clerk fixes them and uploads the same file again."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import xlsxwriter

from app.io.columns import ERROR_HEADER
from app.io.importer import ImportReport


def write_error_workbook(report: ImportReport, out: Any) -> None:
    labels = [str(cell or "").strip() for cell in report.header]
    keep = [col for col, label in enumerate(labels) if label != str(ERROR_HEADER)]
    position = {labels[col].rstrip("*＊"): index for index, col in enumerate(keep)}
    problems: dict[int, list[Any]] = {}
    for issue in report.issues:
        problems.setdefault(issue.row, []).append(issue)
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet()
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    bad = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    bad_date = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "num_format": "yyyy-mm-dd"})
    plain_date = book.add_format({"num_format": "yyyy-mm-dd"})
    for index, col in enumerate(keep):
        sheet.set_column(index, index, 16)
        sheet.write_string(0, index, labels[col], head)
    sheet.set_column(len(keep), len(keep), 60)
    sheet.write_string(0, len(keep), str(ERROR_HEADER), head)
    sheet.freeze_panes(1, 0)
    for out_row, (number, cells) in enumerate(report.rows, start=1):
        issues = problems.get(number, [])
        marked = {position[i.column] for i in issues if i.column in position}
        for index, col in enumerate(keep):
            value = cells[col] if col < len(cells) else None
            if value is None and index not in marked:
                continue
            is_date = isinstance(value, date)
            style = (bad_date if is_date else bad) if index in marked else (plain_date if is_date else None)
            write(sheet, out_row, index, value, style)
        if issues:
            sheet.write_string(out_row, len(keep), "；".join(str(i) for i in issues), bad)
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
