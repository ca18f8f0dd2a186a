"""Export a ledger to .xlsx (xlsxwriter constant_memory, streamed from the query) or .csv (UTF-8 with BOM):
Chinese headers, code labels, typed cells, masked IDs for roles without the PII permission, a title
block, the print setup of app/io/paper.py, and no formula injection (text cells are always written as
strings).

CSV opened by double-click in Excel or WPS reads every field that looks like a number as a number: an ID
number becomes 1.10113E+17 and its last digits are lost, a phone number starting with 0 loses the 0. The
usual practice of Chinese offices is followed: UTF-8 with a BOM (Excel then reads Chinese) and a tab
before every ID or phone number and every long or zero-led digit string, which makes the spreadsheet keep
the field as text; the import strips it again. A text field starting with = + - @ gets a leading ' so it is
never run as a formula (OWASP's CSV injection advice); the import strips that too."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from sqlalchemy import Select, func, select

from app.clock import CHINA
from app.io import Progress, paper
from app.io.columns import ColumnSpec, OrgNames, code_labels, header, specs
from app.ledger import ledger_model, session
from app.ledger.display import can_see_pii, display
from app.security.scope import acting_as, scope_query
from models.base import column_meta

BATCH = 2000
FORMULA_START = ("=", "+", "-", "@")
TITLE_ROWS = 4  # title, unit, time/user, blank; the header is the next row
NUMBER_LIKE = re.compile(r"^\d{11,}[Xx]?$|^0\d+$")  # what a spreadsheet would turn into a number and spoil


def default_query(model: Any, user: Any) -> Select[Any]:
    """The user's current (not voided) rows, oldest first: what the command line exports."""
    query = select(model).where(model.voided_at.is_(None)).order_by(model.id)
    return scope_query(query, model, user)


def export_ledger(
    ledger_name: str,
    user: Any,
    out: str | Path | IO[bytes],
    fmt: str = "xlsx",
    query: Any = None,
    progress: Progress = None,
) -> int:
    """Write the ledger rows of `query` (an ORM Query or Select over the ledger model, already scoped,
    filtered and ordered; default: all the user's current rows) to `out`. Returns the row count."""
    model = ledger_model(ledger_name)
    with acting_as(user):
        columns = specs(model)
        query = default_query(model, user) if query is None else query
        rows, total = stream(model, query, columns, progress is not None)
        cells = CellValues(model, columns, user)
        if fmt == "csv":
            return write_csv(out, columns, cells, rows, total, progress)
        title = [str(model.__ledger_label__), *paper.export_lines(user)]
        return write_xlsx(out, columns, cells, rows, title, total, progress)


def stream(
    model: Any, query: Any, columns: list[ColumnSpec], count: bool
) -> tuple[Iterator[Any], int | None]:
    """Plain column tuples of the query's rows, fetched in batches (no ORM objects)."""
    attrs = [getattr(model, spec.name) for spec in columns]
    if isinstance(query, Select):
        statement = query.with_only_columns(*attrs)
        total = (
            session().execute(select(func.count()).select_from(statement.subquery())).scalar()
            if count
            else None
        )
        return iter(session().execute(statement.execution_options(yield_per=BATCH))), total
    narrowed = query.with_entities(*attrs)
    total = narrowed.order_by(None).count() if count else None
    return iter(narrowed.yield_per(BATCH)), total


class CellValues:
    """How a stored value becomes a cell value: unit names, code labels, masked IDs, 是/否."""

    def __init__(self, model: Any, columns: list[ColumnSpec], user: Any) -> None:

        metas = {meta.name: meta for meta in column_meta(model)}
        self.converters: list[Callable[..., Any]] = []  # one argument; some bind a default
        orgs = OrgNames(user)
        for spec in columns:
            meta = metas.get(spec.name)
            if meta is None:  # the record number
                self.converters.append(lambda v: v)
            elif spec.kind == "org":
                self.converters.append(lambda v: orgs.text.get(v, ""))
            elif spec.kind == "code":
                self.converters.append(lambda v, labels=code_labels(spec): labels.get(v, v))
            elif spec.pii and not can_see_pii():  # asked once, not per cell
                self.converters.append(lambda v, meta=meta: display(meta, v))
            elif spec.kind == "bool":
                self.converters.append(
                    lambda v, yes_no={b: display(meta, b) for b in (True, False)}: yes_no[v]
                )
            else:
                self.converters.append(lambda v: v)


def file_name(model: Any, user: Any, fmt: str) -> str:
    """<台账名>_<机构>_<日期>.xlsx"""
    unit = paper.unit_name(user)
    day = datetime.now(UTC).astimezone(CHINA).strftime("%Y-%m-%d")
    return f"{model.__ledger_label__}_{unit}_{day}.{fmt}"


def write_xlsx(
    out: Any,
    columns: list[ColumnSpec],
    cells: CellValues,
    rows: Iterator[Any],
    title: list[str],
    total: int | None,
    progress: Progress,
) -> int:
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet(title[0][:31])
    fmt = formats(book)
    last_col = len(columns) - 1
    for index, spec in enumerate(columns):
        kind_format = {"date": fmt["date"], "verbatim": fmt["text"]}.get(spec.kind)
        sheet.set_column(index, index, spec.width, fmt["wrap"] if spec.long_text else kind_format)
    paper.title_block(sheet, fmt, title[0], len(columns), title[1:])
    head = TITLE_ROWS - 1
    sheet.set_row(head, 30)
    for index, spec in enumerate(columns):
        sheet.write_string(head, index, header(spec), fmt["header"])
    paper.print_setup(sheet, len(columns), head)
    writers = [writer(sheet, spec, fmt) for spec in columns]
    converters = cells.converters
    row = head
    for row, values in enumerate(rows, start=head + 1):
        for col, value in enumerate(values):
            if value is not None:
                writers[col](row, col, converters[col](value))
        if progress is not None and (row - head) % BATCH == 0:
            progress(row - head, total)
    count = row - head
    sheet.autofilter(head, 0, max(row, head), last_col)
    book.close()
    if progress is not None:
        progress(count, total)
    return count


def formats(book: Any) -> dict[str, Any]:
    return {
        **paper.formats(book),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "text": book.add_format({"num_format": "@"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }


def writer(sheet: Any, spec: ColumnSpec, fmt: dict[str, Any]) -> Callable[[int, int, Any], Any]:
    if spec.kind == "date":  # a masked birth date is text
        return lambda r, c, v: (
            sheet.write_datetime(r, c, v, fmt["date"]) if isinstance(v, date) else sheet.write_string(r, c, v)
        )
    if spec.kind == "number":
        return lambda r, c, v: sheet.write_number(r, c, v)
    if spec.kind == "verbatim":
        return lambda r, c, v: sheet.write_string(r, c, str(v), fmt["text"])
    if spec.long_text:  # wrapped in its column; Excel and WPS grow the row to fit
        return lambda r, c, v: sheet.write_string(r, c, str(v), fmt["wrap"])
    return lambda r, c, v: sheet.write_string(r, c, str(v))


def write_csv(
    out: Any,
    columns: list[ColumnSpec],
    cells: CellValues,
    rows: Iterator[Any],
    total: int | None,
    progress: Progress,
) -> int:
    """UTF-8 with BOM (Excel opens it as Chinese); ID-like digits kept as text, formulas neutralised."""
    handle = open(out, "wb") if isinstance(out, str | Path) else out  # noqa: SIM115
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        output = csv.writer(text)
        output.writerow([header(spec) for spec in columns])
        converters = cells.converters
        count = 0
        for count, values in enumerate(rows, start=1):
            output.writerow(
                [
                    csv_cell(converters[i](v), columns[i].kind) if v is not None else ""
                    for i, v in enumerate(values)
                ]
            )
            if progress is not None and count % BATCH == 0:
                progress(count, total)
        text.flush()
    finally:
        text.detach()
        if isinstance(out, str | Path):
            handle.close()
    if progress is not None:
        progress(count, total)
    return count


def csv_cell(value: Any, kind: str = "text") -> str:
    """A CSV field: dates as 2026-01-05; an ID or phone number, or any text of digits a spreadsheet would
    read as a number and spoil (11 digits or more, or a leading 0), after a tab; a text starting with
    = + - @ after a '. Numbers of number columns stay numbers."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    text = str(value)
    if kind == "number" and not isinstance(value, str):
        return text
    if text and (kind == "verbatim" or NUMBER_LIKE.match(text)):
        return "\t" + text
    return "'" + text if text.startswith(FORMULA_START) else text
