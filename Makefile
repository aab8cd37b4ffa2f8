# Two commands: `make run` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PROGRAMME ?= data/m2-medecine-palliative-2026-2027.yaml
OUT ?= out
TIME_LIMIT ?= 60
JS := tests/js

.PHONY: run test lint typecheck unit clean

run: $(VENV)/.installed
	$(BIN)/palliasched solve $(PROGRAMME) --out $(OUT) --time-limit $(TIME_LIMIT)

test: $(VENV)/.installed-test $(JS)/node_modules/.installed lint typecheck unit

lint: $(VENV)/.installed-test
	$(BIN)/ruff format --check src tests
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy src

unit: $(VENV)/.installed-test $(JS)/node_modules/.installed
	$(BIN)/pytest

# Mozilla's ical.js (Thunderbird's parser), with which the tests read every feed.
$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	@command -v npm >/dev/null || { echo "make test needs node and npm (ical.js checks the feeds)"; exit 1; }
	cd $(JS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "palliasched needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info $(JS)/node_modules
