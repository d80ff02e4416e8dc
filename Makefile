# Two commands do all the set-up on a fresh machine:
#   make        builds the default documents into out/
#   make test   runs the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)

.PHONY: out test lint catalogs reference clean

out: $(VENV)/.installed
	$(BIN)/egdi build

test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check report tests bench hatch_build.py
	$(BIN)/ruff format --check report tests bench hatch_build.py

# Regenerate the command reference of README.md from egdi --help (a test checks it is current).
reference: $(VENV)/.installed
	$(BIN)/python -m report.cli.reference README.md

# Re-extract messages from code and templates, update the three catalogs and compile them to
# .mo (the files the program reads; installing the package compiles them too, see hatch_build.py).
catalogs: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --width 100 --add-comments=Translators: \
		--project egdi-report --version $(VERSION) --copyright-holder "egdi-report developers" \
		-o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales --width 100 \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/python -m report.words.catalogs locales

# The install compiles the catalogs: an edited .po is compiled again by the next make.
$(VENV)/.installed: pyproject.toml constraints.txt hatch_build.py $(wildcard locales/*/LC_MESSAGES/messages.po)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) out build dist
