# `make run` sets up and shows a sample job search; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js

.PHONY: run test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The app in your browser, on a sample job search in a fresh SQLite file (demo.sqlite3):
# http://127.0.0.1:8765/ (Ctrl+C stops it). `followup serve` alone serves your own store.
run: $(STAMP)
	rm -f demo.sqlite3 demo.sqlite3-wal demo.sqlite3-shm
	$(BIN)/followup demo --db sqlite:///demo.sqlite3
	@echo
	$(BIN)/followup serve --db sqlite:///demo.sqlite3

test: $(STAMP) lint typecheck unit

# The accessibility checks run axe-core, from the npm registry, inside Chromium.
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# The suite runs with the clock in UTC, and its date and time logic again under an unusual zone
# (UTC+12:45, with daylight saving) to flush out any time read without its zone.
unit: $(STAMP) $(AXE)
	TZ=UTC $(BIN)/pytest
	TZ=Pacific/Chatham $(BIN)/pytest -p no:cacheprovider tests/test_engine.py tests/test_countries.py \
		tests/test_workdays.py tests/test_windows.py tests/test_casefile.py tests/test_properties.py

bench: $(STAMP)
	$(BIN)/python bench/advise.py
	$(BIN)/python bench/agenda.py
	$(BIN)/python bench/read.py
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
