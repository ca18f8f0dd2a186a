"""Benchmark of Excel export and import (issue 4, part 5) at district scale, against their floors.

* export: ``app.io.export.export_ledger("person", qu_jingban, file)`` — the district clerk's whole
  registry (250,000 persons, every column) — beside the floor: a bare xlsxwriter ``constant_memory``
  loop (``write_row``) over the same rows fetched with SQLAlchemy Core (person columns + unit name).
* import: ``app.io.importer.commit_import`` of that exported file (validate + commit through
  ``ledger.create``, with change history) into a database with the same reference data and no persons,
  beside the floor: python-calamine read + SQLAlchemy Core ``executemany`` INSERT of the same rows
  (labels mapped back to codes and unit names to ids by dict look-ups, nothing else checked).

Each phase runs in its own process, so ``peak MB`` is that phase's own peak RSS (``ru_maxrss``).
Targets: export within 1.3x the floor and under 200 MB; import within 3x the floor and under 1.5 GB.

The 250,000-person database is bench/common.py's (built once, cached under ``bench/out/`` or in the
PostgreSQL database ``taizhang_bench``); the import target is built beside it
(``persons_0.sqlite`` or ``taizhang_bench_import``) and emptied before each import.

    cd /work/main && PYTHONPATH=. TAIZHANG_DEV=1 .venv/bin/python bench/excel.py [--pg|--sqlite]
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("TAIZHANG_DEV", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import MetaData, Table, delete, insert, select  # noqa: E402

from bench import common  # noqa: E402

OUT = common.OUT
USER = "qu_jingban"
TARGETS = {"export": (1.3, 200), "import": (3.0, 1536)}
CHUNK = 5000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(fn: Callable[..., tuple[int, float]], *args: Any) -> tuple[float, float, int]:
    """Run fn(*args) -> (rows, seconds of work, app start-up excluded) in a fresh process;
    (seconds, peak RSS MB, rows)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(measured, (fn, *args))


def measured(fn: Callable[..., tuple[int, float]], *args: Any) -> tuple[float, float, int]:
    rows, seconds = fn(*args)
    return seconds, peak_mb(), rows


# ---- export -------------------------------------------------------------------------------------------


def export_app(url: str, out: str) -> tuple[int, float]:
    from app.io.export import export_ledger

    app = common.make_app(url)
    with app.app_context():
        user = app.appbuilder.sm.find_user(username=USER)
        started = time.perf_counter()
        return export_ledger("person", user, out), time.perf_counter() - started


def export_floor(url: str, out: str) -> tuple[int, float]:
    import xlsxwriter

    app = common.make_app(url)
    with app.app_context():
        from app import db
        from models.org import OrgUnit
        from models.person import Person

        columns = [c for c in Person.__table__.columns if "label" in c.info and c.key != "org_id"]
        query = (
            select(OrgUnit.name, *columns)
            .join(OrgUnit, OrgUnit.id == Person.org_id)
            .where(Person.voided_at.is_(None))
            .order_by(Person.id)
        )
        started = time.perf_counter()
        book = xlsxwriter.Workbook(out, {"constant_memory": True})
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["org", *(c.key for c in columns)])
        rows = 0
        with db.engine.connect() as conn:
            for rows, row in enumerate(conn.execution_options(yield_per=CHUNK).execute(query), start=1):
                sheet.write_row(rows, 0, row)
        book.close()
        return rows, time.perf_counter() - started


# ---- import -------------------------------------------------------------------------------------------


def empty_target(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        meta = MetaData()
        for name in ("audit_log", "person"):
            conn.execute(delete(Table(name, meta, autoload_with=conn)))
    engine.dispose()


def import_app(url: str, path: str) -> tuple[int, float]:
    from app.io.importer import ImportOptions, commit_import

    app = common.make_app(url)
    with app.app_context():
        user = app.appbuilder.sm.find_user(username=USER)
        started = time.perf_counter()
        report = commit_import("person", Path(path), user, ImportOptions())
        seconds = time.perf_counter() - started
        if not report.committed:
            sys.exit(f"import failed: {report.failure or report.issues[:5]}")
        return report.counts["new"], seconds


def import_floor(url: str, path: str) -> tuple[int, float]:
    from python_calamine import CalamineWorkbook

    app = common.make_app(url)
    with app.app_context():
        from app import codes, db
        from app.io.columns import OrgNames, specs
        from models.base import utcnow
        from models.person import Person

        columns = specs(Person)
        started = time.perf_counter()
        table = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python(skip_empty_area=False)
        units = OrgNames(app.appbuilder.sm.find_user(username=USER)).units
        maps = [
            units
            if spec.kind == "org"
            else {b: a for a, b in codes.labels(spec.code_list).items()}
            if spec.code_list
            else {"是": True, "否": False}
            if spec.kind == "bool"
            else None
            for spec in columns
        ]
        now, rows, done = utcnow(), [], 0
        with db.engine.begin() as conn:
            for cells in table[list_pages_header_row(table) + 1 :]:
                values = {"version": 1, "created_at": now, "updated_at": now}
                for spec, mapping, cell in zip(columns, maps, cells, strict=False):
                    cell = None if cell == "" else cell
                    values[spec.name] = (
                        mapping.get(cell) if mapping is not None and cell is not None else cell
                    )
                if isinstance(values.get("monthly_wage"), float):
                    values["monthly_wage"] = int(values["monthly_wage"])
                rows.append(values)
                if len(rows) == CHUNK:
                    conn.execute(insert(Person), rows)
                    done, rows = done + len(rows), []
            if rows:
                conn.execute(insert(Person), rows)
                done += len(rows)
        return done, time.perf_counter() - started


def list_pages_header_row(table: list[list[Any]]) -> int:
    return next(i for i, row in enumerate(table[:20]) if "身份证号码" in row)


# ---- main ---------------------------------------------------------------------------------------------


def target_db(use_pg: bool) -> str:
    """A database with the schema, reference data and users but no persons (the import target)."""
    return common.prepare_database(use_pg, 0, False, f"{common.PG_DB}_import")


def main() -> None:
    args = common.parser(__doc__, "use PostgreSQL", "use SQLite (default unless --pg)").parse_args()
    common.use_pg(args)
    url = common.prepare_database(args.pg, args.persons, args.rebuild)
    target = target_db(args.pg)
    OUT.mkdir(exist_ok=True)
    exported, floor_file = str(OUT / "export.xlsx"), str(OUT / "export_floor.xlsx")

    print(f"\n{'PostgreSQL' if args.pg else 'SQLite'}, {args.persons:,} persons, user {USER}", flush=True)
    results = {}
    results["export floor"] = in_child(export_floor, url, floor_file)
    results["export"] = in_child(export_app, url, exported)
    empty_target(target)
    results["import floor"] = in_child(import_floor, target, exported)
    empty_target(target)
    results["import"] = in_child(import_app, target, exported)
    empty_target(target)

    header = f"{'phase':<8} {'rows':>9} {'seconds':>8} {'rows/s':>8} {'peak MB':>8} {'floor s':>8} {'floor MB':>9} {'ratio':>6}  target"
    print(header)
    print("-" * len(header))
    for phase, (max_ratio, max_mb) in TARGETS.items():
        seconds, mb, rows = results[phase]
        floor_seconds, floor_mb, _ = results[f"{phase} floor"]
        ratio = seconds / floor_seconds
        verdict = "met" if ratio <= max_ratio and mb <= max_mb else "MISSED"
        print(
            f"{phase:<8} {rows:>9,} {seconds:>8.1f} {rows / seconds:>8,.0f} {mb:>8.0f} {floor_seconds:>8.1f} "
            f"{floor_mb:>9.0f} {ratio:>6.2f}  <= {max_ratio:g}x and <= {max_mb} MB: {verdict}"
        )
    common.reproduce("excel.py", args.pg, args.persons)


if __name__ == "__main__":
    main()
