# Two entry points: `make demo` and `make test`. Both bootstrap everything they need on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_STAMP := var/.system-packages

.PHONY: demo test lint typecheck bench clean system-packages venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the project uses: graphviz (diagrams) and a PostgreSQL server (tests).
system-packages:
	@bash scripts/system-packages.sh

demo: venv system-packages
	$(BIN)/recoflow init
	$(BIN)/recoflow demo

test: venv system-packages
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -q -n 2 --dist loadfile

lint: venv
	$(BIN)/ruff check .

typecheck: venv
	$(BIN)/mypy

bench: venv
	$(BIN)/python benchmarks/transitions.py
	$(BIN)/python benchmarks/mail.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/import_people.py
	$(BIN)/python benchmarks/attachments.py

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .mypy_cache .ruff_cache
