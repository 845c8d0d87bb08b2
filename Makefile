# Repat — developer entry points. Each target creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench soak lint translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP) $@

run: $(STAMP)
	$(BIN)/repat

test: $(TEST_STAMP)
	$(BIN)/ruff check app ui tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# Benchmarks print ratios against a bare baseline measured in the same run. Set
# REPAT_BENCH_PG=postgresql://... to run the intake and search benchmarks on PostgreSQL too.
bench: $(TEST_STAMP)
	$(BIN)/python -m bench $(if $(REPAT_BENCH_PG),--pg $(REPAT_BENCH_PG))
	$(BIN)/python -m bench.documents
	$(BIN)/python -m bench.sync
	$(BIN)/python -m bench.reconciliation
	$(BIN)/python -m bench.audit

soak: $(TEST_STAMP)
	REPAT_SOAK=1 $(BIN)/python -m pytest -q -m soak --timeout=0 tests

translations: $(STAMP)
	$(BIN)/python -m ui.i18n_build

clean:
	rm -rf $(VENV) build dist *.egg-info
