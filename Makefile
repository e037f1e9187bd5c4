# netplan: `make run` opens the planner, `make test` lints, type-checks and tests. Only python3 needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

.PHONY: run demo test lint bench check contract clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's metadata changes. `make run` installs only what the planner needs;
# the test tools come with `make test`.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/netplan

demo: $(RUN_STAMP)
	$(BIN)/netplan --demo

lint: $(STAMP)
	$(BIN)/ruff check netplan screens tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

contract: $(STAMP)
	../shared/checks/contract

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
