"""Benchmark of the person list page (劳动力基础信息台账) against its raw SQL floor.

What is measured, for each scenario:

* district unfiltered: ``qu_jingban`` (root district, sees every row) opens ``/ledger/person/list/``;
* town unfiltered: ``renhe_jingban`` (仁和镇 clerk, sees only that town's subtree) opens the same URL;
* town filtered: ``renhe_jingban`` with FAB's query-string filter ``_flt_<i>_employment_status=21``
  (登记失业), ``<i>`` being the index of FilterEqual in the column's filter list (looked up at run time
  from the view's own filters, see SQLAFilterConverter: for a String column index 0 is "Starts with").

``page`` is the median / p90 wall time of ``client.get`` (Flask test client, logged in through
``POST /login/``) over ``--requests`` requests after ``--warmup`` warm-ups. ``stmts`` is the number of
SQL statements one request sends (``before_cursor_execute`` on the app's engine); ``--verbose`` prints
them (first 80 characters each).

``floor`` is the median of the same work done with SQLAlchemy Core on the same engine: one
``SELECT count(*)`` and one ``SELECT <listed person columns>, org_unit.name ... ORDER BY person.id DESC
LIMIT 20`` with the same WHERE (territory subquery for non-root users, ``voided_at IS NULL``, the status
filter). ``ratio`` = page median / floor median. The page's "Record Count" is checked against the
floor's count, so a filter that silently does nothing is reported, not timed.

Targets (for the filtered page): ratio <= 2 and <= 5 statements per request.

The database (250,000 persons by default, bench/common.py) is built once with the migrations and the seed
modules and cached: SQLite under ``bench/out/`` (one file per person count), PostgreSQL in the database
``taizhang_bench`` (used with ``--pg``, or automatically when ``psql -h 127.0.0.1 -U postgres`` answers,
unless ``--sqlite``). ``--rebuild`` builds it again.

    cd /work/main && PYTHONPATH=. TAIZHANG_DEV=1 .venv/bin/python bench/list_pages.py [--pg|--sqlite]
"""

from __future__ import annotations

import os
import re
import statistics
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("TAIZHANG_DEV", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import MetaData, Table, and_, event, func, or_, select, text  # noqa: E402

from bench import common  # noqa: E402
from bench.common import p90, timed  # noqa: E402

PASSWORD = "demo-2026"
LIST_URL = "/ledger/person/list/"
STATUS = "21"  # 登记失业
TARGET_RATIO = 2.0
TARGET_STMTS = 5


# ---- measuring --------------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    page: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    statements: list[tuple[str, Any]] = field(default_factory=list)
    shown_count: int | None = None
    sql_count: int | None = None

    @property
    def page_ms(self) -> float:
        return statistics.median(self.page)

    @property
    def floor_ms(self) -> float:
        return statistics.median(self.floor)


@contextmanager
def recording(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        statements.append((" ".join(statement.split()), parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def login(app: Any, username: str) -> Any:
    client = app.test_client()
    response = client.post("/login/", data={"username": username, "password": PASSWORD})
    probe = client.get(LIST_URL)
    if response.status_code not in (200, 302) or probe.status_code != 200:
        sys.exit(f"login as {username} failed ({response.status_code}, list page {probe.status_code})")
    return client


def equal_filter_index(app: Any, column: str) -> int:
    """The `_flt_<i>_` index of FilterEqual among the view's filters for `column`."""
    from flask_appbuilder.models.sqla.filters import FilterEqual

    view = next(v for v in app.appbuilder.baseviews if getattr(v, "route_base", None) == "/ledger/person")
    filters = view._filters._all_filters[column]
    return next(i for i, flt in enumerate(filters) if type(flt) is FilterEqual)


def floor_query(engine: Any, path: str | None, status: str | None) -> Callable[[], tuple[int, list[Any]]]:
    meta = MetaData()
    person = Table("person", meta, autoload_with=engine)
    org = Table("org_unit", meta, autoload_with=engine)
    where = [person.c.voided_at.is_(None)]
    if path is not None:
        subtree = select(org.c.id).where(or_(org.c.path == path, org.c.path.like(path + "/%")))
        where.append(person.c.org_id.in_(subtree))
    if status is not None:
        where.append(person.c.employment_status == status)
    condition = and_(*where)
    count = select(func.count()).select_from(person).where(condition)
    listed = [
        person.c[name]
        for name in (
            "id",
            "name",
            "id_number",
            "gender",
            "birth_date",
            "education",
            "skill_level",
            "employment_status",
            "phone",
            "org_id",
        )
    ]
    page = (
        select(*listed, org.c.name.label("org_name"))
        .join_from(person, org, person.c.org_id == org.c.id)
        .where(condition)
        .order_by(person.c.id.desc())
        .limit(20)
    )

    def run() -> tuple[int, list[Any]]:
        with engine.connect() as conn:
            return conn.execute(count).scalar_one(), conn.execute(page).all()

    return run


def measure(
    app: Any,
    engine: Any,
    name: str,
    username: str,
    url: str,
    path: str | None,
    status: str | None,
    warmup: int,
    runs: int,
) -> Result:
    result = Result(name)
    client = login(app, username)

    def get() -> Any:
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{name}: GET {url} returned {response.status_code}")
        return response

    result.page = timed(get, warmup, runs)
    with recording(engine) as statements:
        body = get().get_data(as_text=True)
    result.statements = statements
    shown = re.search(r"Record Count\s*:?\s*</strong>\s*:?\s*([\d,]+)", body) or re.search(
        r"(?:记录数|Record Count)[^\d]{0,40}([\d,]+)", body
    )
    result.shown_count = int(shown.group(1).replace(",", "")) if shown else None
    floor = floor_query(engine, path, status)
    result.sql_count = floor()[0]
    result.floor = timed(floor, warmup, runs)
    return result


def classify(statement: str) -> str:
    s = statement.lower()
    if "from ab_user" in s or "ab_user_role" in s:
        return "user load"
    if "ab_permission" in s or "ab_view_menu" in s or "ab_role" in s:
        return "permission/role check"
    if "code_item" in s or "code_list" in s:
        return "code list"
    if s.startswith("select count(") and "person" in s:
        return "COUNT (needed)"
    if "from person" in s and "limit" in s:
        return "PAGE (needed)"
    if "from org_unit" in s and "person" not in s:
        return "org_unit load (filter widget / relation / territory)"
    if "from person" in s:
        return "person query"
    return "other"


# ---- main -------------------------------------------------------------------------------------------


def main() -> None:
    parser = common.parser(
        __doc__, "use PostgreSQL (default when psql answers)", "use SQLite even when PostgreSQL answers"
    )
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--verbose", "-v", action="store_true", help="print each request's SQL statements")
    args = parser.parse_args()

    use_pg = common.use_pg(args, auto=True)
    url = common.prepare_database(use_pg, args.persons, args.rebuild)

    app = common.make_app(url)
    with app.app_context():
        from app import db

        engine = db.engine
        with engine.connect() as conn:
            renhe = conn.execute(
                text("SELECT o.path FROM ab_user u JOIN org_unit o ON o.id = u.org_id WHERE u.username = :u"),
                {"u": "renhe_jingban"},
            ).scalar_one()
        index = equal_filter_index(app, "employment_status")
    filtered = f"{LIST_URL}?_flt_{index}_employment_status={STATUS}"
    scenarios = [
        ("district, unfiltered", "qu_jingban", LIST_URL, None, None),
        ("town, unfiltered", "renhe_jingban", LIST_URL, renhe, None),
        (f"town, status={STATUS}", "renhe_jingban", filtered, renhe, STATUS),
    ]
    backend_name = engine.dialect.name
    print(
        f"\n{backend_name}, {args.persons:,} persons; {args.requests} requests after {args.warmup} warm-ups"
    )
    results = []
    for name, user, page_url, path, status in scenarios:
        with app.app_context():
            results.append(
                measure(app, engine, name, user, page_url, path, status, args.warmup, args.requests)
            )

    header = (
        f"{'scenario':<22} {'rows':>8} {'page ms':>8} {'p90':>7} {'floor ms':>9} {'p90':>6} "
        f"{'ratio':>6} {'stmts':>6}  count check"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        check = "ok" if r.shown_count == r.sql_count else f"MISMATCH: page shows {r.shown_count}"
        print(
            f"{r.name:<22} {r.sql_count:>8,} {r.page_ms:>8.1f} {p90(r.page):>7.1f} {r.floor_ms:>9.1f} "
            f"{p90(r.floor):>6.1f} {r.page_ms / r.floor_ms:>6.1f} {len(r.statements):>6}  {check}"
        )
    last = results[-1]
    ratio_ok = last.page_ms / last.floor_ms <= TARGET_RATIO
    stmts_ok = len(last.statements) <= TARGET_STMTS
    print(
        f"\ntarget (filtered page): ratio <= {TARGET_RATIO:g} -> {'met' if ratio_ok else 'MISSED'} "
        f"({last.page_ms / last.floor_ms:.1f}); statements <= {TARGET_STMTS} -> "
        f"{'met' if stmts_ok else 'MISSED'} ({len(last.statements)})"
    )
    print(f"filtered URL: {filtered}")

    for r in results:
        kinds: dict[str, int] = {}
        for statement, _ in r.statements:
            kinds[classify(statement)] = kinds.get(classify(statement), 0) + 1
        summary = ", ".join(f"{n}x {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
        print(f"\n{r.name}: {len(r.statements)} statements: {summary}")
        if args.verbose:
            for i, (statement, parameters) in enumerate(r.statements, 1):
                print(f"  {i:>2}. {statement[:80]}")
                print(f"      params: {str(parameters)[:100]}")

    common.reproduce("list_pages.py", use_pg, args.persons, " --verbose")


if __name__ == "__main__":
    main()
