"""Import a ledger file: read → locate the header → parse and validate every row → plan (new / update /
unchanged / skip / error) → commit through ledger.create/update in one transaction, or nothing at all.

`preview_import` and `commit_import` are the two entry points (the web UI and `flask ledger import` both
call them; a background job can too): each takes a `progress(done, total)` callback."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app import ledger
from app.io import Progress
from app.io.cells import CellError, narrow, parse
from app.io.columns import ERROR_HEADER, REQUIRED_MARK, ColumnSpec, OrgNames, specs
from app.io.reader import ImportRefused, read_table
from app.security.scope import acting_as
from models.org import OrgUnit

CHUNK = 1000
MEMO_KINDS = ("code", "bool", "org")  # columns whose parsed cells are remembered for the next rows
MEMO_SIZE = 10_000  # distinct cells remembered per column
MISSING = object()
HEADER_SEARCH_ROWS = 20
ON_EXISTING = ("update", "skip", "error")
STATUSES = ("new", "update", "unchanged", "skip", "error")
STATUS_LABELS = {
    "new": _l("New"),
    "update": _l("Update"),
    "unchanged": _l("Unchanged"),
    "skip": _l("Skipped"),
    "error": _l("Errors"),
}
CLASH_MESSAGE = "Already registered at %(org)s; use a transfer to move the record"  # the kernel's msgid


@dataclass
class ImportOptions:
    on_existing: str = "error"  # what a row whose natural key is already in the ledger does
    all_or_nothing: bool = True  # any error: write nothing; else write the valid rows


@dataclass
class RowIssue:
    row: int  # the spreadsheet row number
    column: str  # header label, "" for the row as a whole
    message: str

    def __str__(self) -> str:
        where = f"【{self.column}】" if self.column else ""
        return str(_l("Row %(row)d", row=self.row)) + f" {where}{self.message}"


@dataclass
class ImportReport:
    ledger: str
    committed: bool = False
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    issues: list[RowIssue] = field(default_factory=list)
    header: list[Any] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number, original cells)
    failure: str = ""  # a failure while saving (nothing was written)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """新增 3  更新 1  未变 0  跳过 0  错误 2"""
        return "  ".join(f"{STATUS_LABELS[status]} {self.counts[status]}" for status in STATUSES)


def preview_import(
    ledger_name: str,
    path: Path,
    user: Any,
    options: ImportOptions,
    progress: Progress = None,
    filename: str | None = None,
) -> ImportReport:
    """Validate every row and count what a commit would do; writes nothing."""
    return run_import(ledger_name, path, user, options, False, progress, filename)


def commit_import(
    ledger_name: str,
    path: Path,
    user: Any,
    options: ImportOptions,
    progress: Progress = None,
    filename: str | None = None,
) -> ImportReport:
    """Write the valid rows in one transaction (none at all if all_or_nothing and any row fails)."""
    return run_import(ledger_name, path, user, options, True, progress, filename)


def run_import(
    ledger_name: str,
    path: Path,
    user: Any,
    options: ImportOptions,
    commit: bool,
    progress: Progress,
    filename: str | None,
) -> ImportReport:
    if options.on_existing not in ON_EXISTING:
        raise ValueError(options.on_existing)
    model = ledger.ledger_model(ledger_name)
    table = read_table(Path(path), filename)
    report = ImportReport(ledger_name)
    with acting_as(user):
        columns = specs(model)
        head, mapping = locate_header(table, columns)
        report.header = table[head]
        report.rows = [
            (n + 1, row) for n, row in enumerate(table[head + 1 :], start=head + 1) if any_value(row)
        ]
        plan = Planner(model, columns, mapping, OrgNames(user), options, commit, report)
        session = ledger.session()
        try:
            with ledger.bulk_writes(model) as keys, session.no_autoflush:  # flushed per chunk
                if any(spec.name == "id" for spec in columns):
                    keys["id"] = {
                        row_id: (row_id, org_id)
                        for row_id, org_id in session.execute(select(model.id, model.org_id))
                    }
                for start in range(0, len(report.rows), CHUNK):
                    plan.chunk(report.rows[start : start + CHUNK], keys)
                    if commit:
                        ledger.flush_bulk()
                    if progress is not None:
                        progress(min(start + CHUNK, len(report.rows)), len(report.rows))
            if commit and plan.writing:
                session.commit()
                report.committed = True
            else:
                session.rollback()
        except SQLAlchemyError as exc:
            session.rollback()
            report.failure = str(
                _l("Saving failed and nothing was written: %(error)s", error=type(exc).__name__)
            )
    return report


def any_value(row: list[Any]) -> bool:
    return any(cell is not None and str(cell).strip() for cell in row)


def header_text(cell: Any) -> str:
    return str(cell or "").strip().rstrip(REQUIRED_MARK + "＊").strip()


def locate_header(table: list[list[Any]], columns: list[ColumnSpec]) -> tuple[int, dict[int, ColumnSpec]]:
    """The header row (the template's first row, or below an export's title block) and column → spec.
    A missing, unknown or repeated column refuses the whole file with the expected headers listed."""
    by_label = {spec.label: spec for spec in columns}
    expected = "、".join(by_label)
    found = [
        index
        for index, row in enumerate(table[:HEADER_SEARCH_ROWS])
        if sum(header_text(cell) in by_label for cell in row) >= min(2, len(columns))
    ]
    if not found:
        raise ImportRefused(
            _l(
                "No header row found; use the import template. Expected columns: %(columns)s",
                columns=expected,
            )
        )
    index = found[0]
    texts = [header_text(cell) for cell in table[index]]
    ignored = {"", str(ERROR_HEADER)}
    unknown = [text for text in texts if text not in by_label and text not in ignored]
    missing = [label for label in by_label if label not in texts]
    repeated = sorted({text for text in texts if text in by_label and texts.count(text) > 1})
    if unknown or missing or repeated:
        problems = "；".join(
            str(message)
            for message, names in (
                (_l("missing columns: %(names)s", names="、".join(missing)), missing),
                (_l("unknown columns: %(names)s", names="、".join(unknown)), unknown),
                (_l("repeated columns: %(names)s", names="、".join(repeated)), repeated),
            )
            if names
        )
        raise ImportRefused(
            _l(
                "Wrong template (%(problems)s). Expected columns: %(columns)s",
                problems=problems,
                columns=expected,
            )
        )
    return index, {col: by_label[text] for col, text in enumerate(texts) if text in by_label}


class Planner:
    """Decides and (when committing) performs what each row does."""

    def __init__(
        self,
        model: Any,
        columns: list[ColumnSpec],
        mapping: dict[int, ColumnSpec],
        orgs: OrgNames,
        options: ImportOptions,
        commit: bool,
        report: ImportReport,
    ) -> None:
        self.model, self.columns, self.mapping, self.orgs = model, columns, mapping, orgs
        self.options, self.commit, self.report = options, commit, report
        self.labels = {spec.name: spec.label for spec in columns}
        self.key_columns = [spec.name for spec in columns if spec.natural_key]
        self.seen: dict[tuple[str, Any], int] = {}
        # held so that session.get(OrgUnit, ...) in the commands and the history answers from memory
        self.units = ledger.session().execute(select(OrgUnit)).scalars().all()
        self.writing = commit  # turns False at the first error of an all-or-nothing commit
        # (column, spec, memo): cell -> parsed value (or CellError) of the columns whose values repeat
        self.cells: list[tuple[int, ColumnSpec, dict[Any, Any] | None]] = [
            (col, spec, {} if spec.kind in MEMO_KINDS else None) for col, spec in mapping.items()
        ]

    def chunk(self, rows: list[tuple[int, list[Any]]], keys: dict[str, dict[Any, Any]]) -> None:
        parsed = []
        for number, row in rows:
            values, errors = self.parse_row(row)
            natural = {name: self.normal_key(name, values) for name in self.key_columns}
            parsed.append((number, values, errors, natural))
        existing_ids = {
            entry[0]
            for _, _, _, natural in parsed
            for name, key in natural.items()
            if (entry := keys[name].get(key)) is not None and entry[0] is not None
        }
        loaded = {}
        if existing_ids:
            query = select(self.model).where(self.model.id.in_(existing_ids))
            loaded = {obj.id: obj for obj in ledger.session().execute(query).scalars()}
        for number, values, errors, natural in parsed:
            status = self.row(number, values, errors, natural, keys, loaded)
            self.report.counts[status] += 1

    def parse_row(self, row: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        values: dict[str, Any] = {}
        errors: dict[str, Any] = {}
        width = len(row)
        for col, spec, memo in self.cells:
            cell = row[col] if col < width else None
            if memo is not None and type(cell) is str:  # text only: 1.0 == True as dict keys
                answer = memo.get(cell, MISSING)
                if answer is MISSING:
                    answer = self.parse_cell(spec, cell)
                    if len(memo) < MEMO_SIZE:
                        memo[cell] = answer
            else:
                answer = self.parse_cell(spec, cell)
            if isinstance(answer, CellError):
                errors[spec.name] = answer.message
            else:
                values[spec.name] = answer
        return values, errors

    def parse_cell(self, spec: ColumnSpec, cell: Any) -> Any:
        """The value of one cell, or the CellError refusing it."""
        try:
            value = parse(spec, cell)
            return self.org_id(value) if spec.kind == "org" and value is not None else value
        except CellError as exc:
            return exc

    def org_id(self, text: str) -> int:
        org_id = self.orgs.units.get(text) or self.orgs.units.get(narrow(text))
        if org_id is None:
            if text in self.orgs.ambiguous:
                raise CellError(_l("Several units are called %(org)s; write the unit code instead", org=text))
            raise CellError(_l("Unknown unit: %(org)s", org=text))
        if org_id not in self.orgs.mine:
            raise CellError(_l("%(org)s is outside your territory", org=text))
        return org_id

    def normal_key(self, name: str, values: dict[str, Any]) -> Any:
        """The natural key as the model's clean() normalises it (e.g. a 15-digit ID becomes 18)."""
        value = values.get(name)
        clean = getattr(self.model, "clean", None)
        if value is None or clean is None:
            return value
        probe = {name: value}
        clean(probe)
        return probe[name]

    def row(
        self,
        number: int,
        values: dict[str, Any],
        errors: dict[str, Any],
        natural: dict[str, Any],
        keys: dict[str, dict[Any, Any]],
        loaded: dict[int, Any],
    ) -> str:
        existing = None
        for name, key in natural.items():
            if key is None or name in errors:
                continue
            first = self.seen.setdefault((name, key), number)
            if first != number:
                return self.fail(number, {**errors, name: _l("Same as row %(row)d of this file", row=first)})
            entry = keys[name].get(key)
            if name == "id" and (entry is None or entry[1] not in self.orgs.mine):
                return self.fail(
                    number, {**errors, name: _l("No record number %(value)s in your territory", value=key)}
                )
            if entry is None or entry[0] is None:
                continue
            existing = loaded.get(entry[0])
            if (
                existing is None
                or existing.org_id not in self.orgs.mine
                or self.options.on_existing == "error"
            ):
                org = ledger.session().get(OrgUnit, entry[1])
                message = (
                    _l("Already in the ledger (at %(org)s)", org=org.name)
                    if existing is not None and existing.org_id in self.orgs.mine
                    else _l(CLASH_MESSAGE, org=org.name)
                )
                return self.fail(number, {**errors, name: message})
            if self.options.on_existing == "skip":
                return "skip" if not errors else self.fail(number, errors)
            if values.get("org_id") not in (None, existing.org_id):
                return self.fail(number, {**errors, "org_id": _l(CLASH_MESSAGE, org=existing.org.name)})
        if errors:
            # report the rest of the row too, without repeating the cells that did not parse
            probe = {k: v for k, v in values.items() if k not in errors}
            more = ledger.validate_values(self.model, probe, existing) if existing is None else {}
            return self.fail(
                number, {**{k: v for k, v in more.items() if k not in errors and k in values}, **errors}
            )
        return self.validate_and_write(number, values, existing)

    def validate_and_write(self, number: int, values: dict[str, Any], existing: Any) -> str:
        values.pop("id", None)  # the record number identifies the row; it is never written
        if existing is not None:
            values = {k: v for k, v in values.items() if k != "org_id"}
            checked = dict(values)
            errors = ledger.validate_values(self.model, checked, existing)
            if errors:
                return self.fail(number, errors)
            if all(same(getattr(existing, name), value) for name, value in checked.items()):
                return "unchanged"
            command = lambda: ledger.update(existing, values, existing.version)  # noqa: E731
            status = "update"
        else:
            checked = dict(values)
            command = lambda: ledger.create(self.model, values)  # noqa: E731
            status = "new"
        try:
            if self.writing:
                command()
            elif existing is None:
                errors = ledger.validate_values(self.model, checked)
                if errors:
                    raise ledger.LedgerError(errors)
                ledger.check_org(values.get("org_id"))
        except ledger.LedgerError as exc:
            return self.fail(number, exc.errors)
        return status

    def fail(self, number: int, errors: dict[str, Any]) -> str:
        for name, message in errors.items():
            self.report.issues.append(RowIssue(number, self.labels.get(name, ""), str(message)))
        if self.commit and self.options.all_or_nothing:
            self.writing = False
        return "error"


def same(old: Any, new: Any) -> bool:
    return (None if old == "" else old) == (None if new == "" else new)
