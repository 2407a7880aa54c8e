# The two commands of the README: `make run` and `make test` set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint clean schema docs bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/okr validate
	$(BIN)/okr status

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

schema: $(STAMP)
	$(BIN)/okr schema > schema/okr-file.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

docs: $(STAMP)
	$(BIN)/python -c "from okrcli.check.lint.registry import default_registry as d; from okrcli.check.lint.docs import rules_markdown as r; print(r(d()), end='')" > docs/rules.md
	$(BIN)/python -c "from okrcli.base.codes import reference_markdown as r; print(r(), end='')" > docs/errors.md

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py
