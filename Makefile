# The two README commands: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app:create_app

.PHONY: run test install install-test translations migrate seed serve lint check-migrations bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(MAKE) translations

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) translations

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

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check app models views seed tests bench

check-migrations:
	mkdir -p instance
	TAIZHANG_DEV=1 DATABASE_URL=sqlite:///$(CURDIR)/instance/drift-check.db $(BIN)/flask db upgrade
	TAIZHANG_DEV=1 DATABASE_URL=sqlite:///$(CURDIR)/instance/drift-check.db $(BIN)/flask db check
	rm -f instance/drift-check.db

test: install-test lint check-migrations
	$(BIN)/pytest

bench: install-test
	$(BIN)/python bench/list_pages.py
