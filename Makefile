# Two commands do all set-up on a fresh machine with only Python >= 3.11:
#   make run    index the bundled letters and start the app
#   make test   run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/rag inspect data/letters/kst-32317-995_geannoteerde-agenda-jbz-raad-2026-03.txt

test: setup
	$(PY) -m pytest

clean:
	rm -rf $(VENV) index/chroma* index/*.json
