# Two commands for a fresh machine with only Python 3:
#   make demo   set up .venv and print a plan for the bundled example
#   make test   set up .venv and run ruff, mypy and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint golden bench clean

$(BIN)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/upskill plan examples/ana-ruiz.yaml --format table
	@echo "Markdown for docs: $(BIN)/upskill plan examples/ana-ruiz.yaml --format markdown > plan.md"

lint: $(BIN)/.installed
	$(BIN)/ruff check upskill tests scripts
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

golden: $(BIN)/.installed
	$(BIN)/python scripts/regenerate_golden.py

bench: $(BIN)/.installed
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info
