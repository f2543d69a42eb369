# The two commands a newcomer needs: `make run` and `make test`. See README.md.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_WORKERS ?= 2
EDGE_PORT ?= 8080
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run run-edge edge-test test setup install database migrate static lint format check-migrations \
	pytest browser-test stop-db db-status delete-local-data bench

help:
	@echo "make run                serve the site at http://$(HOST):$(PORT) with its job worker (set-up included)"
	@echo "make test               lint, migration check and the whole test suite"
	@echo "make run-edge           the same site behind Varnish at http://$(HOST):$(EDGE_PORT) (Debian's varnish)"
	@echo "make stop-db            stop the embedded PostgreSQL server (data kept in var/)"
	@echo "make db-status          is the embedded PostgreSQL server running?"
	@echo "make delete-local-data  stop the embedded server and DELETE var/ (database, uploads)"
	@echo "make bench              fill the benchmark database (once) and load the site with wrk"

# --- set-up --------------------------------------------------------------------------

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 …")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

# Starts the embedded server under var/ unless DATABASE_URL names another one.
database: install
	@if [ -z "$$DATABASE_URL" ]; then $(BIN)/python -m alwaght.embedded_db start; \
	else echo "Using the database at DATABASE_URL."; fi

migrate: database
	$(BIN)/python manage.py migrate --noinput

static: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

setup: migrate static

# The page measures' Node tools (tests/browser/test_page_quality.py): the Nu HTML Checker and
# Lighthouse, pinned in package-lock.json. --ignore-scripts: no package may download a browser
# or a Java runtime. Without them those tests are skipped (failed where REQUIRE_BROWSER_TESTS=1).
.PHONY: node-tools
NPM := $(shell command -v npm 2>/dev/null)
node-tools: $(if $(NPM),node_modules/.package-lock.json)
	@test -n "$(NPM)" || { echo "NOTE: npm not found: the page measures (tests/browser/test_page_quality.py) will be skipped."; \
		echo "      Install it with: apt-get install -y nodejs npm"; }
	@command -v java >/dev/null 2>&1 || { echo "NOTE: Java not found: the HTML check (tests/browser/test_page_quality.py) will be skipped."; \
		echo "      Install it with: apt-get install -y default-jre-headless"; }

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts || echo "NOTE: npm ci failed: the page measures will be skipped."

# --- the two commands ----------------------------------------------------------------

run: setup
	$(BIN)/python manage.py seed_demo --if-empty
	@echo ""
	@echo "Alwaght is served at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Log into admin with a demo login above. Ctrl-C stops the web server and the job worker;"
	@echo "the database keeps running (make stop-db)."
	@echo ""
	exec $(BIN)/python -m alwaght.serve --host $(HOST) --port $(PORT) --workers $(WEB_WORKERS)

# The site on PORT behind Varnish on EDGE_PORT, purging it as in production.
run-edge: setup
	$(BIN)/python manage.py seed_demo --if-empty
	exec $(BIN)/python -m alwaght.edge_server --port $(PORT) --edge-port $(EDGE_PORT) --workers $(WEB_WORKERS)

test: setup lint check-migrations pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: database
	$(BIN)/python manage.py makemigrations --check --dry-run

# The suite runs in TEST_WORKERS parallel processes (pytest-xdist), each with its own test
# database and live server: 2 is the fastest on a 2-core machine; 0 runs it in this process.
# --dist load hands each worker its tests in the suite's order, where pytest-django puts the
# tests that empty the database (transactional ones) after all the others; loadfile would
# keep a file's tests together and run theirs in the middle.
TEST_WORKERS ?= 2
XDIST_ARGS = -n $(TEST_WORKERS) --dist load

pytest: database static node-tools
	@if [ ! -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ] && ! command -v chromium >/dev/null 2>&1; then \
		echo "NOTE: Chromium not found: the browser tests (tests/browser/) will be skipped."; \
		echo "      Install it with: apt-get install -y chromium   (or set CHROMIUM_PATH)"; fi
	@if ! command -v varnishd >/dev/null 2>&1 && [ ! -x /usr/sbin/varnishd ]; then \
		echo "NOTE: Varnish not found: the edge tests (tests/edge/) will be skipped."; \
		echo "      Install it with: apt-get install -y varnish varnish-modules"; fi
	$(BIN)/pytest $(XDIST_ARGS) $(PYTEST_ARGS)

browser-test: database static node-tools
	$(BIN)/pytest tests/browser $(XDIST_ARGS) $(PYTEST_ARGS)

edge-test: database static
	$(BIN)/pytest tests/edge $(XDIST_ARGS) $(PYTEST_ARGS)

# --- benchmarks (not part of make test) ----------------------------------------------

BENCH_ARGS ?=
bench: database static
	@command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
	$(BIN)/python -m bench.generate
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# --- the embedded database -----------------------------------------------------------

stop-db: install
	$(BIN)/python -m alwaght.embedded_db stop

db-status: install
	@$(BIN)/python -m alwaght.embedded_db status

# The only target that deletes var/: the local database, uploads and secret key.
delete-local-data:
	@printf "This deletes var/ (local database, uploads, secret key). Type 'delete' to go on: "; \
	read answer; [ "$$answer" = "delete" ] || { echo "Nothing deleted."; exit 1; }
	-@test -x $(BIN)/python && $(BIN)/python -m alwaght.embedded_db stop
	rm -rf var
