# The two README commands: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app:create_app

.PHONY: run test suite install install-test vendor translations migrate seed serve audit lint module-size check-migrations bench clean mutation

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(MAKE) translations vendor

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) translations vendor

# the browser libraries (package.json, pinned by package-lock.json) from the npm registry, copied into
# app/static/vendor/ (not committed) and served by this server: never a CDN. Needs node and npm; --ignore-scripts:
# no package runs code at install
VENDOR := app/static/vendor
vendor: $(VENDOR)/echarts.min.js

$(VENDOR)/echarts.min.js: package.json package-lock.json
	npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/echarts/dist/echarts.min.js $@

translations:
	$(BIN)/pybabel compile -f -d translations >/dev/null

migrate:
	TAIZHANG_DEV=1 $(BIN)/flask db upgrade

seed:
	TAIZHANG_DEV=1 $(BIN)/flask seed
	TAIZHANG_DEV=1 $(BIN)/flask seed-demo --persons 5000 --if-empty

# the job worker runs beside the web server and stops with it (Ctrl-C)
run: install migrate seed
	TAIZHANG_DEV=1 $(BIN)/flask jobs worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	TAIZHANG_DEV=1 $(BIN)/flask run --host 127.0.0.1 --port 5000

# the production profile (README "Production"): migrations, then gunicorn (deploy/gunicorn.conf.py, WEB_CONCURRENCY
# workers) with the job worker (JOB_WORKERS threads) beside it; DATABASE_URL, SECRET_KEY, JOBS_URL=redis://…
# and RATELIMIT_STORAGE_URI=redis://… come from the environment
JOB_WORKERS ?= 4
serve: install
	$(BIN)/flask db upgrade
	$(BIN)/flask jobs worker --workers $(JOB_WORKERS) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py

# ruff, mypy ([tool.mypy]: app, models, views), the import contracts ([tool.importlinter]) and the module size
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check app models views seed tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory module-size

# no module over MAX_LINES lines outside migrations/ and tests/
MAX_LINES := 400
module-size:
	@find app models views seed bench -name '*.py' -exec wc -l {} + \
		| awk '$$2 != "total" && $$1 > $(MAX_LINES) { print "  " $$2 ": " $$1 " lines"; n++ } \
		END { if (n) { print n " module(s) over $(MAX_LINES) lines: split them"; exit 1 } }'

check-migrations:
	mkdir -p instance
	TAIZHANG_DEV=1 DATABASE_URL=sqlite:///$(CURDIR)/instance/drift-check.db $(BIN)/flask db upgrade
	TAIZHANG_DEV=1 DATABASE_URL=sqlite:///$(CURDIR)/instance/drift-check.db $(BIN)/flask db check
	rm -f instance/drift-check.db

# coverage of app, models and views ([tool.coverage]: fails under its fail_under); a single module runs
# without it: .venv/bin/pytest tests/unit/test_masking.py
# two workers (the machine's two cores); each has its own databases (tests/conftest.py, tests/e2e/conftest.py)
# TEST_SELECT narrows the run (CI: `-m "not e2e and not slow"` on its second database; see .ci/run).
# worksteal: an idle worker takes queued tests from a busy one, so one long test does not end the run alone
TEST_WORKERS ?= 2
TEST_SELECT ?=
test: install-test lint check-migrations suite

# the tests alone, for a second database after `make test` (no install, no lint)
suite:
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal --cov --cov-report=term:skip-covered $(TEST_SELECT)

# known vulnerabilities in the installed, pinned dependencies (PyPI's advisory data); --strict: a dependency
# that could not be audited (the service unreachable) fails too
audit: install-test
	$(BIN)/pip-audit --strict --progress-spinner off --skip-editable

# every clerk page per persona on a demo database (BENCH_PERSONS persons, seeded once if empty), see bench/README.md
BENCH_PERSONS ?= 5000
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/instance/bench-$(BENCH_PERSONS).db
bench: install-test
	TAIZHANG_DEV=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/flask db upgrade
	TAIZHANG_DEV=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/flask seed
	TAIZHANG_DEV=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/flask seed-demo --persons $(BENCH_PERSONS) --seed 7 --if-empty
	$(BIN)/python bench/pages.py --database-url $(BENCH_DATABASE_URL)

# mutation testing with mutmut 3 ([tool.mutmut] in pyproject.toml: the modules mutated and the tests that may
# kill them): on demand, about weekly, never in CI (far over CI's budget: app/rules/ and the calendar take
# ~8 minutes on two cores, the security kernel, the ledger write commands and the workflow guard, whose tests
# use the seeded database, much longer; see tests/MUTATION_SURVIVORS.md). MUTANTS narrows the run to some
# mutants: `make mutation MUTANTS='app.security*'`. It ends with the score per module; `.venv/bin/mutmut
# results` lists the survivors, each of which is killed by a test or explained in tests/MUTATION_SURVIVORS.md.
# TEST_REUSE_APP=1 builds the app once for all of a run's mutants instead of once per mutant (tests/conftest.py;
# 3-4 times faster), for every module except app/security/, whose init code runs only while the app is built:
# `TEST_REUSE_APP=1 make mutation MUTANTS='app.ledger* app.workflow*'`.
mutation:
	$(BIN)/mutmut run $(MUTANTS)
	$(BIN)/python -m tests.mutation.score
