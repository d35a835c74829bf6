# Two commands do all set-up on a fresh machine with only Python >= 3.11:
#   make run    index the bundled letters and start the chat app
#   make test   run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: setup run test browser eval bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(VENV)/bin/rag provision
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/rag index data/letters
	$(PY) app.py

# The end-to-end test drives Debian's chromium; install it where we may (root).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser test"; fi; \
	fi

test: setup browser
	$(PY) -m pytest

# Results are the held-out test splits, per style, beside the naive pipeline and e5-small.
eval: setup
	$(VENV)/bin/rag eval eval/staff/set.jsonl --corpus data/letters --split test --baseline naive \
	  --compare-model multilingual-e5-small --report eval/reports/staff
	$(VENV)/bin/rag eval eval/meetings/set.jsonl --corpus data/letters --baseline naive --report eval/reports/meetings
	$(VENV)/bin/rag eval eval/kamervragen/set.jsonl --corpus eval/kamervragen/corpus --split test --baseline naive \
	  --compare-model multilingual-e5-small --report eval/reports/kamervragen
	$(VENV)/bin/rag eval eval/overtime/set.jsonl --corpus data/letters --corpus data/excerpts --split test \
	  --baseline naive --report eval/reports/overtime
	$(VENV)/bin/rag eval eval/seed.jsonl --corpus data/letters --baseline naive --report eval/reports/seed
	for f in eval/unseen/set-*.jsonl; do n=$${f##*/set-}; n=$${n%.jsonl}; \
	  $(VENV)/bin/rag eval $$f --corpus data/letters --baseline naive --report eval/reports/unseen-$$n || exit 1; \
	done

# Speed and memory (never part of `make test`); tables in bench/results/.
bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) index/chroma index/bm25 index/*.json
