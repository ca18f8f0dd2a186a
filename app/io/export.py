"""Export a ledger to .xlsx (xlsxwriter constant_memory, streamed from the query) or .csv (UTF-8 with BOM):
Chinese headers, code labels, typed cells, masked IDs for roles without the PII permission, a title
block, and no formula injection (text cells are always written as strings)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import xlsxwriter
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from app.io import Progress
from app.io.columns import ColumnSpec, OrgNames, code_labels, header, specs
from app.ledger import ledger_model, session
from app.ledger.display import can_see_pii, display
from app.security.scope import acting_as, scope_query
from app.templating import beijing, person_name
from models.base import column_meta

BATCH = 2000
FORMULA_START = ("=", "+", "-", "@")
TITLE_ROWS = 4  # title, unit, time/user, blank; the header is the next row
SHANGHAI = ZoneInfo("Asia/Shanghai")


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
        return write_xlsx(out, columns, cells, rows, title_lines(model, user), total, progress)


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


def title_lines(model: Any, user: Any) -> list[str]:
    now = beijing(datetime.now(SHANGHAI))
    unit = getattr(getattr(user, "org", None), "name", "")
    who = person_name(user)
    return [
        str(model.__ledger_label__),
        str(_l("Reporting unit: %(unit)s", unit=unit)),
        str(_l("Exported at: %(time)s    Exported by: %(user)s", time=now, user=who)),
    ]


def file_name(model: Any, user: Any, fmt: str) -> str:
    """<台账名>_<机构>_<日期>.xlsx"""
    unit = getattr(getattr(user, "org", None), "name", "")
    day = datetime.now(SHANGHAI).strftime("%Y-%m-%d")
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
        sheet.set_column(index, index, spec.width, kind_format)
    sheet.write_string(0, 0, title[0], fmt["title"])
    for row, line in enumerate(title[1:], start=1):
        sheet.write_string(row, 0, line)
    head = TITLE_ROWS - 1
    for index, spec in enumerate(columns):
        sheet.write_string(head, index, header(spec), fmt["header"])
    sheet.freeze_panes(head + 1, 0)
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
        "title": book.add_format({"bold": True, "font_size": 14}),
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "text": book.add_format({"num_format": "@"}),
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
    return lambda r, c, v: sheet.write_string(r, c, str(v))


def write_csv(
    out: Any,
    columns: list[ColumnSpec],
    cells: CellValues,
    rows: Iterator[Any],
    total: int | None,
    progress: Progress,
) -> int:
    """UTF-8 with BOM (Excel opens it as Chinese); text starting with = + - @ is prefixed with '."""
    handle = open(out, "wb") if isinstance(out, str | Path) else out  # noqa: SIM115
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        output = csv.writer(text)
        output.writerow([header(spec) for spec in columns])
        converters = cells.converters
        count = 0
        for count, values in enumerate(rows, start=1):
            output.writerow(
                [csv_cell(converters[i](v)) if v is not None else "" for i, v in enumerate(values)]
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


def csv_cell(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
