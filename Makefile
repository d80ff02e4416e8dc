# Two commands do all the set-up on a fresh machine:
#   make        builds the default documents into out/
#   make test   runs the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)

.PHONY: out test lint catalogs clean

out: $(VENV)/.installed
	$(BIN)/egdi build

test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check report tests bench
	$(BIN)/ruff format --check report tests bench

# Re-extract messages from code and templates and update the three catalogs.
catalogs: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --width 100 \
		--project egdi-report --version $(VERSION) --copyright-holder "egdi-report developers" \
		-o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales --width 100 \
		--no-fuzzy-matching --ignore-obsolete

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) out build dist
