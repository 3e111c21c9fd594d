# Leuchtturm: the two commands are `make run` and `make test`; everything else here serves them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
TEST_ENV := DJANGO_SETTINGS_MODULE=tests.settings
# Tests run on every core (pytest-xdist; each worker has its own database); the browser journeys stay
# together on one worker, which prepares their demo site once (tests/services.py). The PostgreSQL pass runs
# one worker more: its tests wait longer (the server, child processes, the browser), and the extra worker
# uses that time, where on SQLite it only adds work (docs/PERFORMANCE.md, "The test suite").
XDIST ?= -n auto --dist loadgroup
XDIST_POSTGRES ?= -n $(shell echo $$(( $$(getconf _NPROCESSORS_ONLN) + 1 ))) --dist loadgroup
# The slowest tests are listed at the end of every run, so the suite's time is watched like a feature.
PYTEST_ARGS ?= --durations=15

.PHONY: run test test-postgres install check messages configuration constraints bench

# Every Python process the suite starts (xdist workers, gunicorn, qcluster, manage.py children) reads compiled
# bytecode instead of compiling Django and Wagtail again: without it each start costs about 2 s more of CPU.
# Some machines set PYTHONDONTWRITEBYTECODE; the packages are compiled at install and the project's own
# modules on first import (__pycache__ is ignored by git).
unexport PYTHONDONTWRITEBYTECODE

# uv installs into the virtualenv in parallel from its own cache: a fresh install takes about 30 s instead of
# pip's 100 s, which every clean CI run pays. The versions are the locked ones of requirements/constraints.txt,
# so CI, developers and a production host install the same.
CONSTRAINTS := requirements/constraints.txt
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Leuchtturm needs Python >= 3.11"'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet 'uv>=0.5'
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -c $(CONSTRAINTS) \
		-e '.[dev,postgres,redis,s3]'
	@touch $@

install: $(STAMP)

## Set up, load the demo content and serve the site (http://127.0.0.1:8000/) with a django-q2 cluster.
run: $(STAMP)
	@export DEBUG=1; set -e; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py load_demo; \
	$(PY) manage.py ensure_demo_admin; \
	$(PY) manage.py qcluster & QCLUSTER=$$!; \
	trap 'kill $$QCLUSTER 2>/dev/null; wait $$QCLUSTER 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver --noreload 127.0.0.1:8000

## Extract the code's German strings into the English catalogue (locale/en) and compile it; translate what
## arrives untranslated or fuzzy in locale/en/LC_MESSAGES/django.po, then run it again.
messages: $(STAMP)
	$(TEST_ENV) $(PY) manage.py update_translations

## The checks that keep the house clean, then the whole test suite.
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

test: check
	$(TEST_ENV) $(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)

## The whole suite again on PostgreSQL and Redis (the second pass of .ci/run); both servers must be running.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
test-postgres: $(STAMP)
	$(TEST_ENV) DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest $(XDIST_POSTGRES) \
		$(PYTEST_ARGS)

## Run every benchmark (bench/*.py but its helpers) one after another and write their ratios as one table to
## bench/results.md (not part of `make test`; figures and how to read them in docs/PERFORMANCE.md).
## `make bench BENCHES="api feeds"` runs some. signup_load needs PostgreSQL on 127.0.0.1:5432.
BENCHES ?=
bench: $(STAMP)
	$(PY) bench/all.py $(BENCHES)

## Write docs/CONFIGURATION.md, the table of every environment variable, from the code.
configuration: $(STAMP)
	$(TEST_ENV) $(PY) manage.py configuration_table

## Lock the dependencies in requirements/constraints.txt after a change to pyproject.toml (pins that still fit
## are kept); `make constraints UPGRADE=--upgrade` moves every pin to the newest version within the bounds.
UPGRADE ?=
constraints: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --extra postgres --extra redis --extra s3 \
		--universal --python-version 3.11 $(UPGRADE) -o $(CONSTRAINTS)
