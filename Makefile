# On a fresh clone: `make run` (what Desk needs to run), `make test` (adds the developer tools),
# `make dist` (a standalone build under dist/desk/) and `make dist-test` (runs that build).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist

.PHONY: run test lint typecheck pytest postgres-server screenshots bench search-diff learned dist dist-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime dependencies only (with the shared log's driver): a desk PC needs no linters or tests.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[postgres]'
	touch $@

# The developer tools (the dev extra) on top of the runtime.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUN_STAMP)

$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@

run: $(RUN_STAMP)
	$(BIN)/desk

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) postgres-server
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

# The shared-log tests start a real PostgreSQL server of their own (tests/pg_server.py); its
# programs come from the system's package, installed here when missing (CI runs as root).
postgres-server:
	@if [ -n "$$DESK_PG_BIN" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "installing PostgreSQL for the shared-log tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else \
		echo "the shared-log tests need PostgreSQL: sudo apt-get install postgresql" >&2; exit 1; \
	fi

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desk.tools.screenshots docs/screenshots
	$(BIN)/python -m desk.tools.screen_sizes docs/screenshots

# What a policy change does to search: BEFORE is a git revision or a policy folder.
BEFORE ?= HEAD
search-diff: $(STAMP)
	$(BIN)/python -m desk.tools.search_diff --before $(BEFORE)

# The learned readers' weights, from the evaluation questions; a test fails when they are stale.
learned: $(STAMP)
	$(BIN)/python -m desk.tools.learn

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

# A folder dist/desk/ whose program `desk` runs without Python (docs/BUILDING.md).
dist: $(DIST_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/desk.spec

# Launches the build from `make dist`; CI runs it too.
dist-test: $(STAMP) dist
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m dist tests/dist

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
