# Repat — developer entry points. Each target creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DIST_STAMP := $(VENV)/.installed-dist

.PHONY: run test bench soak lint translations clean dist dist-test icons

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP) $@

$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dist]"
	touch $(STAMP) $(TEST_STAMP) $@

run: $(STAMP)
	$(BIN)/repat

test: $(TEST_STAMP)
	$(BIN)/ruff check app ui tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n auto

# Benchmarks print ratios against a bare baseline measured in the same run. Set
# REPAT_BENCH_PG=postgresql://... to run the intake and search benchmarks, and bench.scale's rows, on
# PostgreSQL too.
bench: $(TEST_STAMP)
	$(BIN)/python -m bench $(if $(REPAT_BENCH_PG),--pg $(REPAT_BENCH_PG))
	$(BIN)/python -m bench.documents
	$(BIN)/python -m bench.sync
	$(BIN)/python -m bench.reconciliation
	$(BIN)/python -m bench.audit
	$(BIN)/python -m bench.candidates
	$(BIN)/python -m bench.scale $(if $(REPAT_BENCH_PG),--pg $(REPAT_BENCH_PG))

soak: $(TEST_STAMP)
	REPAT_SOAK=1 $(BIN)/python -m pytest -q -m soak --timeout=0 tests

# The installable artefacts in dist/: the wheel and sdist (every resource inside), the PyInstaller
# one-folder application and, from it, the .deb (packaging/make_deb.sh says why a .deb).
dist: $(DIST_STAMP)
	rm -rf build dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/repat.spec
	bash packaging/make_deb.sh dist/repat dist

# The artefacts checked as a user gets them (not the source tree); .ci/run runs it after the tests.
dist-test: dist
	bash packaging/dist_test.sh

# the PNGs in every hicolor size and the Windows .ico, drawn from resources/icons/repat.svg
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py

translations: $(STAMP)
	$(BIN)/python -m ui.i18n_build

clean:
	rm -rf $(VENV) build dist *.egg-info
