"""Every clerk page, per persona, on a database seeded with `flask seed-demo` (persons and the demo ledgers).

Personas: the district clerk (qu_jingban), a town clerk (renhe_jingban), a community clerk (renhe_shequ) and
the inspector (ducha). Pages: home, 我的待办 (/inbox/), 超期督办 (/overdue/), the person list, the person list
filtered by employment status 21 (登记失业), a person's record page (a person of the persona's territory with
the most rows in other ledgers) and the REST person page of 100 (/api/v1/person/).

Per page: the median and p90 wall time of `--requests` sequential requests through the Flask test client
(after `--warmup`), the median CPU time of this process per request (the app, and SQLite's queries, which run
in-process; PostgreSQL's run in the server: a figure that a machine shared with other work inflates far less
than the wall time), the SQL statements one request sends and their median total time (SQLAlchemy's
before/after_cursor_execute on the app's engine), and for the list pages the ratio to a hand-written raw SQL
floor (the same count and page query through SQLAlchemy Core); the count the page shows (记录数, or the REST
`count`) is checked against the floor's, so a filter that does nothing is reported, not timed. A page the
persona may not open reads "—".
`--explain` (PostgreSQL) writes `EXPLAIN (ANALYZE, BUFFERS)` of each page's statements to bench/out/.

    PYTHONPATH=. .venv/bin/python bench/pages.py --database-url sqlite:////tmp/bench-250k.db
    PYTHONPATH=. .venv/bin/python bench/pages.py --database-url postgresql://postgres@127.0.0.1/bench_250k --explain
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("TAIZHANG_DEV", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import MetaData, Table, and_, event, func, or_, select, text  # noqa: E402

from bench import common  # noqa: E402

PASSWORD = "demo-2026"
PERSONAS = {
    "district": "qu_jingban",
    "town": "renhe_jingban",
    "community": "renhe_shequ",
    "inspector": "ducha",
}
STATUS = "21"  # 登记失业
LIST_COLUMNS = ("id", "name", "id_number", "gender", "birth_date", "education", "skill_level")
LIST_COLUMNS += ("employment_status", "phone", "org_id")


@dataclass
class Page:
    name: str
    url: str
    floor: Callable[[], Any] | None = None


@dataclass
class Result:
    persona: str
    page: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    sql_times: list[float] = field(default_factory=list)
    statements: list[tuple[str, Any, float]] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    status: int = 200
    count_mismatch: str = ""

    def row(self) -> list[str]:
        if self.status != 200:
            return [self.persona, self.page, *["—"] * (len(HEADER) - 2)]
        median = statistics.median(self.times)
        floor = f"{statistics.median(self.floor):.1f}" if self.floor else ""
        ratio = f"{median / statistics.median(self.floor):.1f}×" if self.floor else ""
        ratio += f" ({self.count_mismatch})" if self.count_mismatch else ""
        return [
            self.persona,
            self.page,
            f"{median:.0f}",
            f"{common.p90(self.times):.0f}" if len(self.times) > 1 else f"{median:.0f}",
            f"{statistics.median(self.cpu):.0f}",
            str(len(self.statements)),
            f"{statistics.median(self.sql_times):.0f}",
            floor,
            ratio,
        ]


@contextmanager
def recording(engine: Any) -> Iterator[list[tuple[str, Any, float]]]:
    """Every statement sent while inside: (SQL, parameters, milliseconds)."""
    statements: list[tuple[str, Any, float]] = []
    started: list[float] = []

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        started.append(time.perf_counter())

    def after(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        statements.append((statement, parameters, (time.perf_counter() - started.pop()) * 1000))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


# ---- the floors: the same work in hand-written SQL ------------------------------------------------------


def list_floor(engine: Any, path: str, status: str | None, size: int) -> Callable[[], Any]:
    """count(*) and one page of the person list (with the org name), as the persona's territory allows."""
    meta = MetaData()
    person = Table("person", meta, autoload_with=engine)
    org = Table("org_unit", meta, autoload_with=engine)
    where = [person.c.voided_at.is_(None)]
    if "/" in path:
        subtree = select(org.c.id).where(or_(org.c.path == path, org.c.path.like(path + "/%")))
        where.append(person.c.org_id.in_(subtree))
    if status is not None:
        where.append(person.c.employment_status == status)
    condition = and_(*where)
    count = select(func.count()).select_from(person).where(condition)
    page = (
        select(*(person.c[name] for name in LIST_COLUMNS), org.c.name.label("org_name"))
        .join_from(person, org, person.c.org_id == org.c.id)
        .where(condition)
        .order_by(person.c.id.desc())
        .limit(size)
    )

    def run() -> Any:
        with engine.connect() as conn:
            return conn.execute(count).scalar_one(), conn.execute(page).all()

    return run


# ---- the pages of one persona ----------------------------------------------------------------------------


def territory(engine: Any, username: str) -> str:
    query = "SELECT o.path FROM ab_user u JOIN org_unit o ON o.id = u.org_id WHERE u.username = :u"
    with engine.connect() as conn:
        return str(conn.execute(text(query), {"u": username}).scalar_one())


def busiest_person(engine: Any, path: str) -> int:
    """The person of the territory with the most rows in the demo ledgers (follow-ups, job seekers ...)."""
    referring = ("followup", "job_seeker", "guidance_training", "loan", "hard_to_employ_case", "si_subsidy")
    with engine.connect() as conn:
        tables = {row[0] for row in conn.execute(text(TABLES[engine.dialect.name]))}
        union = " UNION ALL ".join(f"SELECT person_id FROM {name}" for name in referring if name in tables)
        query = (
            f"SELECT p.id FROM person p JOIN org_unit o ON o.id = p.org_id "
            f"LEFT JOIN ({union}) r ON r.person_id = p.id "
            f"WHERE (o.path = :p OR o.path LIKE :l) GROUP BY p.id ORDER BY count(r.person_id) DESC, p.id LIMIT 1"
        )
        return int(conn.execute(text(query), {"p": path, "l": path + "/%"}).scalar_one())


TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
}


def pages(app: Any, engine: Any, username: str) -> list[Page]:
    from flask_appbuilder.models.sqla.filters import FilterEqual

    path = territory(engine, username)
    view = next(v for v in app.appbuilder.baseviews if getattr(v, "route_base", None) == "/ledger/person")
    index = next(
        i for i, f in enumerate(view._filters._all_filters["employment_status"]) if type(f) is FilterEqual
    )
    return [
        Page("home", "/"),
        Page("我的待办", "/inbox/"),
        Page("超期督办", "/overdue/"),
        Page("person list", "/ledger/person/list/", list_floor(engine, path, None, 20)),
        Page(
            "person list, filtered",
            f"/ledger/person/list/?_flt_{index}_employment_status={STATUS}",
            list_floor(engine, path, STATUS, 20),
        ),
        Page("person record", f"/ledger/person/show/{busiest_person(engine, path)}"),
        Page(
            "REST person page of 100",
            "/api/v1/person/?q=(page:0,page_size:100)",
            list_floor(engine, path, None, 100),
        ),
    ]


def measure(
    app: Any, engine: Any, persona: str, username: str, persona_pages: list[Page], warmup: int, runs: int
) -> list[Result]:
    client = app.test_client()
    response = client.post("/login/", data={"username": username, "password": PASSWORD})
    if response.status_code not in (200, 302):
        sys.exit(f"login as {username} failed ({response.status_code})")
    results = []
    for page in persona_pages:
        result = Result(persona, page.name)
        result.status = client.get(page.url).status_code
        if result.status == 200:
            for attempt in range(warmup + runs):
                with recording(engine) as statements:
                    started, cpu = time.perf_counter(), time.process_time()
                    client.get(page.url)
                    elapsed = (time.perf_counter() - started) * 1000
                    cpu = (time.process_time() - cpu) * 1000
                if attempt >= warmup:
                    result.times.append(elapsed)
                    result.cpu.append(cpu)
                    result.sql_times.append(sum(ms for _, _, ms in statements))
                    result.statements = statements
            if page.floor is not None:
                result.floor = common.timed(page.floor, warmup, runs)
                result.count_mismatch = count_check(client.get(page.url), page.floor()[0])
        results.append(result)
    return results


SHOWN_COUNT = re.compile(r"(?:记录数|Record Count)[^\d]{0,40}([\d,]+)")


def count_check(response: Any, floor_count: int) -> str:
    """ "" when the page shows the floor's count, else what it shows instead."""
    if response.is_json:
        shown: Any = response.json["count"]
    else:
        found = SHOWN_COUNT.search(response.get_data(as_text=True))
        shown = int(found.group(1).replace(",", "")) if found else None
    return "" if shown == floor_count else f"page shows {shown}, SQL counts {floor_count}"


# ---- output ----------------------------------------------------------------------------------------------

HEADER = ["persona", "page", "median ms", "p90 ms", "CPU ms", "SQL statements", "SQL ms", "floor ms", "ratio"]


def table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def explain(engine: Any, results: list[Result], out: Path) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every SELECT of each page, one file per persona and page."""
    out.mkdir(parents=True, exist_ok=True)
    for result in results:
        if result.status != 200:
            continue
        lines = []
        with engine.connect() as conn:
            for statement, parameters, ms in result.statements:
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue
                plan = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters).all()
                lines += [f"-- {ms:.1f} ms in the page", statement, *(row[0] for row in plan), ""]
        name = re.sub(r"[^\w]+", "_", f"{result.persona}_{result.page}").strip("_")
        (out / f"explain_{name}.txt").write_text("\n".join(lines), encoding="utf-8")
    print(f"\nEXPLAIN written to {out}/explain_*.txt")


def verbose(results: list[Result]) -> None:
    for result in results:
        print(f"\n{result.persona} / {result.page}:")
        for statement, _, ms in result.statements:
            print(f"  {ms:7.1f} ms  {' '.join(statement.split())[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a database seeded with flask seed-demo")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--persona", action="append", choices=sorted(PERSONAS), help="default: all four")
    parser.add_argument("--explain", action="store_true", help="PostgreSQL: EXPLAIN ANALYZE into bench/out/")
    parser.add_argument("--verbose", "-v", action="store_true", help="print each page's statements")
    parser.add_argument("--upgrade", action="store_true", help="apply the code's migrations first")
    args = parser.parse_args()
    app = common.make_app(args.database_url)
    with app.app_context():  # set up only: a request inside a held app context would share its `g`
        from app import db

        if args.upgrade:
            common.upgrade(app)
        engine = db.engine
        persons = db.session.execute(text("SELECT count(*) FROM person")).scalar_one()
        plans = {persona: pages(app, engine, PERSONAS[persona]) for persona in args.persona or list(PERSONAS)}
    results: list[Result] = []
    for persona, persona_pages in plans.items():
        results += measure(app, engine, persona, PERSONAS[persona], persona_pages, args.warmup, args.requests)
    print(
        f"\n{engine.dialect.name}, {persons:,} persons; median of {args.requests} sequential requests "
        f"after {args.warmup} warm-ups (Flask test client)\n"
    )
    print(table([result.row() for result in results]))
    if args.verbose:
        verbose(results)
    if args.explain and engine.dialect.name == "postgresql":
        explain(engine, results, common.OUT)


if __name__ == "__main__":
    main()
