# Factcheck: `make run` starts the app with demo data; `make test` runs every test against the real services.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Tests talk to the PostgreSQL and Redis on this machine unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
TEST_BROKER_URL ?= redis://127.0.0.1:6379/14

.PHONY: run test loadtest bench lint install install-dev install-bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@ $(STAMP)

$(VENV)/.installed-bench: requirements.txt requirements-dev.txt requirements-bench.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-bench.txt
	touch $@ $(VENV)/.installed-dev $(STAMP)

$(VENV)/.installed-train: requirements.txt requirements-dev.txt requirements-bench.txt requirements-train.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-train.txt
	touch $@ $(VENV)/.installed-bench $(VENV)/.installed-dev $(STAMP)

install: $(STAMP)
install-dev: $(VENV)/.installed-dev
install-bench: $(VENV)/.installed-bench

## run: the embedded default (SQLite, tasks in-process), demo accounts and articles, on http://127.0.0.1:8000
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py demo
	@echo "Open http://127.0.0.1:8000 and log in with one of the accounts above."
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

## test: lint, migrations check and the whole suite on PostgreSQL + Redis + a real Celery worker + Chromium
test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) DEBUG=1 \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

## loadtest: 50 desk users for 5 minutes against gunicorn + 2 Celery workers on 127.0.0.1; prints p50/p95 per endpoint
LOADTEST_SECONDS ?= 300
loadtest: install-dev
	LOADTEST_SECONDS=$(LOADTEST_SECONDS) DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) DEBUG=1 \
		$(BIN)/python -m pytest tests/reliability/test_load.py -s

## bench: benchmarks (engine, segmentation, check-worthiness, exports), printed as ratio tables
bench: install-bench
	$(BIN)/python benchmarks/run_all.py

## train: the check-worthiness model from ClaimBuster in ../shared/eval (needs torch and the encoder, training only)
train: $(VENV)/.installed-train
	HF_HUB_OFFLINE=1 $(BIN)/python tools/train_scorer.py

lint: install-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
