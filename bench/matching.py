"""Benchmark of 人岗匹配 (issue 6 item 5) at district scale: one matching query per page view.

What is timed is the query side the pages call (views/referral.py MatchingView), nothing else:

* ``app.domain.matching.vacancies_for(seeker, today)`` — the ranked published vacancies of the whole district
  for one job-seeker registration (vacancies are public, so the clerk does not change the query); run for
  200 random valid registrations of the district (the district clerk's page) and 200 of 仁和镇 (the town
  clerk's page);
* ``app.domain.matching.seekers_for(vacancy, today, user)`` — the ranked valid registrations inside the user's
  territory for one vacancy; run for 200 random published vacancies as ``qu_jingban`` (district clerk)
  and as ``renhe_jingban`` (仁和镇 clerk).

The row being matched is loaded before the clock starts; the session is cleared after each query, as a
request would. Median, p95 and max ms per query, the mean number of matches and the 1-minute load average
after each scenario (the machine may be shared) are printed. ``--queries N`` times N rows per scenario
instead of 200.
Target: median under 300 ms on SQLite.

Data: the cached 250,000-person database of bench/common.py (built once, not rebuilt when cached: SQLite
``bench/out/persons_250000.sqlite``, PostgreSQL ``taizhang_bench_matching`` — its own database, so a
concurrent bench of another ledger is not disturbed), to which this script adds once, by bulk Core inserts
(benchmark set-up, not a ledger write path), 1,500 employers, 20,000 published vacancies valid on
``TODAY`` (+2,000 expired, draft or filled ones) and 30,000 job-seeker registrations of existing persons
aged 16..60 (27,000 valid on ``TODAY``). ``--rebuild`` rebuilds everything.

    cd /work/main && PYTHONPATH=. TAIZHANG_DEV=1 .venv/bin/python bench/matching.py [--pg|--sqlite]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("TAIZHANG_DEV", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select  # noqa: E402

from bench import common  # noqa: E402
from bench.common import p95, padded  # noqa: E402

PG_DB = "taizhang_bench_matching"
TODAY = date(2026, 11, 2)
SEED = 2026
EMPLOYERS = 1_500
VACANCIES = 20_000
OTHER_VACANCIES = 2_000  # expired, draft or filled: filtered out by the query
SEEKERS = 30_000
VALID_SHARE = 0.9
SAMPLES = 200
TOWN_CLERK, DISTRICT_CLERK, TOWN = "renhe_jingban", "qu_jingban", "仁和镇"
TARGET_MS = 300
CHUNK = 5_000
MARK = "bench:matching"  # remarks of every generated row, to find (and count) them

# occupation → category (vacancy_category: 1 管理人员, 2 操作人员, 3 技术工人), with weights
OCCUPATIONS: list[tuple[str, str, int]] = [
    ("普工", "2", 12),
    ("操作工", "2", 8),
    ("装配工", "2", 5),
    ("包装工", "2", 4),
    ("保洁员", "2", 8),
    ("保安员", "2", 8),
    ("服务员", "2", 7),
    ("收银员", "2", 4),
    ("营业员", "2", 5),
    ("仓库管理员", "2", 4),
    ("快递员", "2", 4),
    ("外卖骑手", "2", 3),
    ("送货司机", "2", 3),
    ("叉车司机", "3", 3),
    ("绿化工", "2", 3),
    ("家政服务员", "2", 3),
    ("育婴员", "3", 2),
    ("养老护理员", "3", 3),
    ("厨师", "3", 4),
    ("面点师", "3", 2),
    ("电工", "3", 4),
    ("焊工", "3", 3),
    ("钳工", "3", 2),
    ("数控车工", "3", 2),
    ("设备维修工", "3", 2),
    ("汽车维修工", "3", 2),
    ("质检员", "3", 2),
    ("美发师", "3", 1),
    ("客服专员", "1", 3),
    ("销售代表", "1", 4),
    ("行政文员", "1", 3),
    ("会计", "1", 2),
    ("出纳", "1", 1),
    ("人事专员", "1", 1),
    ("物业管理员", "1", 2),
    ("车间主任", "1", 1),
    ("项目经理", "1", 1),
    ("软件工程师", "3", 1),
]
VARIANTS = ["", "", "", "", "（长白班）", "（包食宿）", "（两班倒）", "（临时）"]
EDUCATION_REQUIRED = [(None, 45), ("71", 25), ("61", 12), ("41", 6), ("31", 8), ("21", 4)]
SKILL_REQUIRED = [(None, 70), ("0", 5), ("5", 12), ("4", 9), ("3", 4)]
SEEKER_SKILL = [(None, 70), ("0", 10), ("5", 10), ("4", 7), ("3", 3)]
AGE_LIMITS = [
    ((None, None), 45),
    ((18, 35), 15),
    ((18, 45), 15),
    ((18, 50), 10),
    ((20, 55), 10),
    ((16, 60), 5),
]
SOURCES = ["01", "02", "03", "04", "05", "07"]


def pick(rng: random.Random, table: list[tuple[Any, int]]) -> Any:
    return rng.choices([value for value, _w in table], weights=[w for _v, w in table])[0]


def occupation(rng: random.Random) -> tuple[str, str]:
    name, category, _weight = rng.choices(OCCUPATIONS, weights=[w for _n, _c, w in OCCUPATIONS])[0]
    return name, category


# ---- the data -----------------------------------------------------------------------------------------


def add_data(url: str) -> None:
    """Add the employers, vacancies and registrations once (skipped when they are there)."""
    app = common.make_app(url)
    with app.app_context():
        common.upgrade(app)
        from app import db
        from models.employer import Employer
        from models.job_seeker import JobSeeker
        from models.org import OrgUnit
        from models.person import Person
        from models.vacancy import Vacancy

        session = db.session
        have = session.execute(select(func.count()).where(Vacancy.remarks == MARK)).scalar_one()
        if have == VACANCIES + OTHER_VACANCIES:
            print(f"reusing {have:,} vacancies and their registrations", flush=True)
            return
        if have:
            sys.exit("a partial matching data set is in the database: run with --rebuild")
        started = time.perf_counter()
        rng = random.Random(SEED)
        units = session.execute(select(OrgUnit.id, OrgUnit.level, OrgUnit.parent_id)).all()
        towns = [unit_id for unit_id, level, _parent in units if level == "town"]
        communities = [unit_id for unit_id, level, _parent in units if level == "community"]
        from models.base import utcnow

        now = utcnow()
        stamps = {"version": 1, "created_at": now, "updated_at": now, "remarks": MARK}

        employers = []
        for i in range(EMPLOYERS):
            org_id = rng.choice(towns) if rng.random() < 0.7 else rng.choice(communities)
            employers.append(
                {
                    **stamps,
                    "org_id": org_id,
                    "credit_code": f"91110113{i:09d}X",
                    "name": f"北京顺义{rng.choice('华鑫宏达恒丰盛隆瑞泰')}{rng.choice('科技制造物流商贸餐饮物业')}有限公司{i}",
                    "industry": rng.choice("CEFGHKM"),
                    "ck14_license": True,
                    "ck14_org_code": True,
                    "ck14_agent_letter": True,
                    "ck14_checked_on": TODAY - timedelta(days=rng.randint(30, 700)),
                }
            )
        session.execute(insert(Employer), employers)
        employer_rows = session.execute(
            select(Employer.id, Employer.org_id).where(Employer.remarks == MARK)
        ).all()

        vacancies = []
        for i in range(VACANCIES + OTHER_VACANCIES):
            employer_id, org_id = rng.choice(employer_rows)
            name, category = occupation(rng)
            low = rng.randrange(3000, 12001, 500) if rng.random() < 0.9 else None
            age_min, age_max = pick(rng, AGE_LIMITS)
            state, valid_from, valid_until = "published", TODAY - timedelta(days=rng.randint(0, 60)), None
            valid_until = TODAY + timedelta(days=rng.randint(0, 90))
            if i >= VACANCIES:  # the noise the query must drop
                state = rng.choice(["published", "draft", "filled"])
                if state == "published":
                    valid_until = TODAY - timedelta(days=rng.randint(1, 60))
            vacancies.append(
                {
                    **stamps,
                    "org_id": org_id,
                    "state": state,
                    "employer_id": employer_id,
                    "occupation": name + rng.choice(VARIANTS),
                    "category": category if rng.random() < 0.85 else None,
                    "headcount": rng.randint(1, 20),
                    "wage_min": low,
                    "wage_max": low + rng.randrange(0, 5001, 500) if low and rng.random() < 0.8 else None,
                    "education": pick(rng, EDUCATION_REQUIRED),
                    "age_min": age_min,
                    "age_max": age_max,
                    "skill_level": pick(rng, SKILL_REQUIRED),
                    "skill_talent": False,
                    "work_town_id": rng.choice(towns) if rng.random() < 0.5 else None,
                    "valid_from": valid_from,
                    "valid_until": valid_until,
                    "source": rng.choice(SOURCES),
                }
            )
            if len(vacancies) == CHUNK:
                session.execute(insert(Vacancy), vacancies)
                vacancies = []
        if vacancies:
            session.execute(insert(Vacancy), vacancies)

        oldest, youngest = shift(TODAY, -61), shift(TODAY, -16)
        people = session.execute(
            select(Person.id, Person.org_id)
            .where(Person.voided_at.is_(None), Person.birth_date > oldest, Person.birth_date <= youngest)
            .order_by(Person.id)
        ).all()
        seekers = []
        for person_id, org_id in rng.sample(people, SEEKERS):
            name, category = occupation(rng)
            registered = TODAY - timedelta(days=rng.randint(0, 170))
            if rng.random() > VALID_SHARE:
                registered = TODAY - timedelta(days=rng.randint(200, 400))
            low = rng.randrange(2500, 10001, 500) if rng.random() < 0.85 else None
            hardship = rng.random() < 0.15
            seekers.append(
                {
                    **stamps,
                    "org_id": org_id,
                    "person_id": person_id,
                    "registered_on": registered,
                    "valid_until": registered + timedelta(days=180),
                    "intended_occupation": name if rng.random() < 0.8 else name[:2],
                    "intended_category": category if rng.random() < 0.8 else None,
                    "wage_expected_min": low,
                    "wage_expected_max": low + rng.randrange(500, 3001, 500)
                    if low and rng.random() < 0.6
                    else None,
                    "preferred_town_id": rng.choice(towns) if rng.random() < 0.3 else None,
                    "skill_level": pick(rng, SEEKER_SKILL),
                    "seeker_class": "2" if hardship else "1",
                    "hardship_reason": rng.choice("12349") if hardship else None,
                    "referral_count": 0,
                }
            )
            if len(seekers) == CHUNK:
                session.execute(insert(JobSeeker), seekers)
                seekers = []
        if seekers:
            session.execute(insert(JobSeeker), seekers)
        session.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        print(
            f"  added {EMPLOYERS:,} employers, {VACANCIES + OTHER_VACANCIES:,} vacancies, "
            f"{SEEKERS:,} registrations: {time.perf_counter() - started:.1f} s",
            flush=True,
        )


def shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# ---- measuring ----------------------------------------------------------------------------------------


def run(url: str, samples: int) -> list[tuple[str, list[float], float, float]]:
    """(scenario, ms per query, mean matches, 1-minute load average after it) for the four scenarios."""
    app = common.make_app(url)
    with app.app_context():
        from app import db
        from app.domain import matching
        from app.security.scope import scope_query
        from models.job_seeker import JobSeeker
        from models.org import OrgUnit
        from models.vacancy import Vacancy

        session = db.session
        rng = random.Random(SEED + 1)
        sm = app.appbuilder.sm
        valid = select(JobSeeker.id).where(
            JobSeeker.voided_at.is_(None), JobSeeker.registered_on <= TODAY, JobSeeker.valid_until >= TODAY
        )
        town_user = sm.find_user(username=TOWN_CLERK)
        district_seekers = list(session.execute(valid).scalars())
        town_seekers = list(session.execute(scope_query(valid, JobSeeker, town_user)).scalars())
        published = list(
            session.execute(
                select(Vacancy.id).where(
                    Vacancy.state == "published",
                    Vacancy.voided_at.is_(None),
                    Vacancy.valid_from <= TODAY,
                    Vacancy.valid_until >= TODAY,
                )
            ).scalars()
        )
        town = session.execute(select(OrgUnit.name).where(OrgUnit.id == town_user.org_id)).scalar_one()
        assert town == TOWN, town
        print(
            f"{len(district_seekers):,} valid registrations ({len(town_seekers):,} in {TOWN}), "
            f"{len(published):,} published vacancies valid on {TODAY}",
            flush=True,
        )
        session.remove()

        def seeker_query(seeker_id: int, _username: str) -> tuple[float, int]:
            seeker = session.get(JobSeeker, seeker_id)
            started = time.perf_counter()
            found = matching.vacancies_for(seeker, TODAY)
            return (time.perf_counter() - started) * 1000, len(found)

        def vacancy_query(vacancy_id: int, username: str) -> tuple[float, int]:
            user = sm.find_user(username=username)
            vacancy = session.get(Vacancy, vacancy_id)
            started = time.perf_counter()
            found = matching.seekers_for(vacancy, TODAY, user)
            return (time.perf_counter() - started) * 1000, len(found)

        scenarios = [
            ("vacancies_for seeker, district clerk", seeker_query, district_seekers, DISTRICT_CLERK),
            (f"vacancies_for seeker, {TOWN} clerk", seeker_query, town_seekers, TOWN_CLERK),
            ("seekers_for vacancy, district clerk", vacancy_query, published, DISTRICT_CLERK),
            (f"seekers_for vacancy, {TOWN} clerk", vacancy_query, published, TOWN_CLERK),
        ]
        results = []
        for name, query, ids, username in scenarios:
            chosen = rng.sample(ids, min(samples, len(ids)))
            for warm in chosen[:3]:
                query(warm, username)
                session.remove()
            times, found = [], []
            for row_id in chosen:
                ms, count = query(row_id, username)
                session.remove()
                times.append(ms)
                found.append(count)
            load = os.getloadavg()[0]
            results.append((name, times, statistics.mean(found), load))
            print(f"  {name}: median {statistics.median(times):.1f} ms (load average {load:.2f})", flush=True)
        return results


def main() -> None:
    parser = common.parser(__doc__, f"use PostgreSQL ({PG_DB})", "use SQLite (default unless --pg)")
    parser.add_argument("--queries", "--samples", dest="queries", type=int, default=SAMPLES)
    args = parser.parse_args()
    use_pg = common.use_pg(args)
    url = common.prepare_database(use_pg, args.persons, args.rebuild, PG_DB)
    add_data(url)
    results = run(url, args.queries)

    print(f"\n{'PostgreSQL' if args.pg else 'SQLite'}, {args.persons:,} persons, {args.queries} queries each")
    header = f"{'query':<40} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'matches':>8} {'load':>5}  target"
    print(header)
    print("-" * len(header))
    for name, times, found, load in results:
        median = statistics.median(times)
        verdict = "met" if median < TARGET_MS else "MISSED"
        print(
            f"{padded(name, 40)} {median:>10.1f} {p95(times):>8.1f} {max(times):>8.1f} {found:>8.1f} {load:>5.2f}  "
            f"median < {TARGET_MS} ms: {verdict}"
        )
    extra = f" --queries {args.queries}" if args.queries != SAMPLES else ""
    common.reproduce("matching.py", use_pg, args.persons, extra)


if __name__ == "__main__":
    main()
