"""How every workbook the app hands out prints: one place for the page setup of ledger exports, rosters
(花名册), statistics and boards, so a clerk who presses 打印 gets an official table, not 31 pages of two
columns.

- `title_block`: the table's title (centered over the columns, bold, larger), then the lines under it
  (报送单位 / 填报单位, 导出时间 in Beijing time, 导出人 by name); the header row comes next.
- `print_setup`: A4, landscape when the table is wide (more than WIDE_COLUMNS columns), fitted to one page
  wide (as many pages long as it takes), the header row repeated on every page, the footer
  “第 x 页 / 共 y 页”, centered horizontally, the header row frozen on screen.
- `totals_row` and `signature_lines`: how a roster for another office ends: 合计 (count and money sums,
  as SUM formulas with their values, so a clerk who deletes a line gets a right total) and
  经办人 / 审核人 / 负责人 / 日期 lines to sign.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from xlsxwriter.utility import xl_rowcol_to_cell

from app.templating import beijing, person_name

WIDE_COLUMNS = 8  # more columns than this print landscape
A4 = 9  # xlsxwriter's paper index of A4
FOOTER = "&C第 &P 页 / 共 &N 页"  # Excel's page number and page count codes
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6}  # inches; the footer sits in the bottom one
SIGNATURES = (_l("Handled by"), _l("Reviewed by"), _l("Person in charge"), _l("Date"))


def unit_name(user: Any) -> str:
    return str(getattr(getattr(user, "org", None), "name", "") or "")


def export_lines(user: Any) -> list[str]:
    """The lines under an export's title: reporting unit; export time and the person who exported."""
    return [
        str(_l("Reporting unit: %(unit)s", unit=unit_name(user))),
        str(
            _l(
                "Exported at: %(time)s    Exported by: %(user)s",
                time=beijing(datetime.now(UTC)),
                user=person_name(user),
            )
        ),
    ]


def formats(book: Any) -> dict[str, Any]:
    """The formats of the title block, the header and the closing rows (one set per workbook)."""
    return {
        "title": book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}),
        "line": book.add_format({"font_size": 11}),
        "header": book.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
            }
        ),
        "total": book.add_format({"bold": True, "border": 1}),
        "total_money": book.add_format({"bold": True, "border": 1, "num_format": "#,##0.00"}),
        "sign": book.add_format({"font_size": 12}),
    }


def title_block(sheet: Any, fmt: dict[str, Any], title: str, columns: int, lines: Iterable[str]) -> int:
    """The title over `columns` columns in row 0 and one line per row under it; returns the next row."""
    if columns > 1:
        sheet.merge_range(0, 0, 0, columns - 1, title, fmt["title"])
    else:
        sheet.write_string(0, 0, title, fmt["title"])
    sheet.set_row(0, 28)
    row = 1
    for row, line in enumerate(lines, start=1):
        sheet.write_string(row, 0, line, fmt["line"])
    return row + 1


def print_setup(sheet: Any, columns: int, header_row: int, frozen_columns: int = 0) -> None:
    """A4, landscape when wide, one page wide, the header row on every page, page x / y in the footer."""
    sheet.set_paper(A4)
    if columns > WIDE_COLUMNS:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_footer(FOOTER, {"margin": 0.3})
    sheet.set_margins(**MARGINS)
    sheet.center_horizontally()
    sheet.freeze_panes(header_row + 1, frozen_columns)


def totals_row(
    sheet: Any,
    fmt: dict[str, Any],
    row: int,
    first: int,
    count: int,
    sums: Iterable[tuple[int, float, bool]],
    columns: int,
    label_col: int = 0,
) -> None:
    """合计 at `row`: the label and the count of lines (in `label_col` and the next column), then for each
    (column, total, is_money) a SUM over the data rows `first` … `row` − 1 with its value."""
    for col in range(columns):
        sheet.write_blank(row, col, None, fmt["total"])
    sheet.write_string(row, label_col, str(_l("Total")), fmt["total"])
    sheet.write_string(row, label_col + 1, str(_l("%(count)d persons", count=count)), fmt["total"])
    for col, value, money in sums:
        span = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(max(row - 1, first), col)}"
        sheet.write_formula(row, col, f"=SUM({span})", fmt["total_money" if money else "total"], value)


def signature_lines(sheet: Any, fmt: dict[str, Any], row: int, columns: int) -> int:
    """经办人 / 审核人 / 负责人 / 日期 two rows under `row`: on one line spread over a wide table, two
    to a line on a narrow one (each needs room to sign); returns the last row written."""
    per_line = len(SIGNATURES) if columns >= WIDE_COLUMNS else 2
    step = max(columns // per_line, 1)
    for index, label in enumerate(SIGNATURES):
        line = row + 2 + 2 * (index // per_line)
        sheet.write_string(
            line, (index % per_line) * step + (0 if per_line > 2 else 1), f"{label}：", fmt["sign"]
        )
        sheet.set_row(line, 24)
    return row + 2 + 2 * ((len(SIGNATURES) - 1) // per_line)
