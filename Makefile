# `make run` sets up and shows a sample job search; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js

.PHONY: run test lint typecheck unit chromium dovecot bench model clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src  # start times that do not depend on the bytecode setting
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
	@command -v npm >/dev/null || { echo "make test: npm is needed to install axe-core for the \
	accessibility checks: install Node.js with npm (apt-get install npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

# The browser tests drive Debian's Chromium (or the one CHROMIUM names); Playwright's own browser
# download is never used. Installed here when it is missing and this machine can (apt-get, as
# root); otherwise one line says how, and the tests say at the end how many of them were skipped.
chromium:
	@if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null || [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "make test: installing Chromium for the browser tests: apt-get install chromium"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q chromium >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; } \
		|| echo "make test: apt-get install chromium failed; the browser tests will be skipped" >&2; \
	else \
		echo "make test: no Chromium, so the browser tests will be skipped; to run them:" \
			"sudo apt-get install chromium (or set CHROMIUM to a Chromium binary)" >&2; \
	fi

# The mail tests talk to a real IMAP server, Debian's Dovecot, run on 127.0.0.1 with a throwaway
# configuration (tests/imap_server.py). Installed here when it is missing and this machine can
# (apt-get, as root); otherwise one line says how, and the tests that need it are skipped.
dovecot:
	@if command -v dovecot >/dev/null || [ -x /usr/sbin/dovecot ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "make test: installing Dovecot for the mail tests: apt-get install dovecot-imapd"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q dovecot-imapd >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null && apt-get install -y -q dovecot-imapd >/dev/null; } \
		|| echo "make test: apt-get install dovecot-imapd failed; the mail tests will be skipped" >&2; \
	else \
		echo "make test: no Dovecot, so the mail tests that need an IMAP server will be skipped;" \
			"to run them: sudo apt-get install dovecot-imapd" >&2; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/lint-imports --no-cache  # the rooms and what each may import (docs/architecture.md)

typecheck: $(STAMP)
	$(BIN)/mypy

# The suite runs on every core (pytest-xdist), with the clock in UTC, and its date and time logic
# again under an unusual zone (UTC+12:45, with daylight saving) to flush out any time read without
# its zone.
unit: $(STAMP) $(AXE) chromium dovecot
	TZ=UTC $(BIN)/pytest -n auto
	TZ=Pacific/Chatham $(BIN)/pytest -n auto -p no:cacheprovider tests/test_engine.py tests/test_countries.py \
		tests/test_workdays.py tests/test_windows.py tests/test_casefile.py tests/test_properties.py \
		tests/test_timing.py

# The reader's model, trained again on the corpus in tests/data/reading (the same corpus gives the
# same file); --cv also scores the reader by cross-validation grouped by writer.
model: $(STAMP)
	$(BIN)/python tools/train_reader.py --cv

bench: $(STAMP)
	$(BIN)/python bench/advise.py
	$(BIN)/python bench/agenda.py
	$(BIN)/python bench/read.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/hostile.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
