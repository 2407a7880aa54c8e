# The two commands of the README: `make run` and `make test` set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint clean schema docs bench mutation

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/okr validate
	$(BIN)/okr status
	@echo "As one page with charts from the history: $(BIN)/okr report --format html --output okr-report.html"

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

schema: $(STAMP)
	$(BIN)/okr schema > schema/okr-file-v1.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

docs: $(STAMP)
	$(BIN)/python -c "from okrcli.check.lint.registry import default_registry as d; from okrcli.check.lint.docs import rules_markdown as r; print(r(d()), end='')" > docs/rules.md
	$(BIN)/python -c "from okrcli.base.codes import reference_markdown as r; print(r(), end='')" > docs/errors.md

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py

# Mutation testing of the core ([tool.mutmut] in pyproject.toml); not part of `make test`.
# Starts afresh each time (mutmut keeps old verdicts of unchanged code otherwise), then
# lists the mutants that were not killed and the counts per module.
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,mutation]'
	rm -rf mutants
	$(BIN)/mutmut run
	$(BIN)/mutmut results
	@$(BIN)/python -c "$$MUTATION_SUMMARY"

define MUTATION_SUMMARY
import collections, json, pathlib
from mutmut.stats import status_by_exit_code
for meta in sorted(pathlib.Path("mutants/src").rglob("*.py.meta")):
    codes = json.loads(meta.read_text())["exit_code_by_key"].values()
    counts = collections.Counter(status_by_exit_code[code] for code in codes)
    killed = counts["killed"] + counts["timeout"]
    total = sum(counts.values())
    score = f"{100 * killed / total:5.1f}%" if total else "    -"
    others = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"{str(meta)[len('mutants/'):-len('.meta')]:40} {score}  {others}")
endef
export MUTATION_SUMMARY
