# `make run` and `make test` work on a fresh machine with only Python 3.11, pip and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SOURCE ?= seeds
DB ?= warehouse/newsdesk.duckdb
SERVER_PORT ?= 4200
CHROMIUM := /usr/bin/chromium

.PHONY: run server test test-fast lock bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsdesk run $(SOURCE) --db $(DB)

# A lasting Prefect server (API and UI) in the foreground until Ctrl-C, for scheduled and repeated
# runs: export the PREFECT_API_URL line it prints first where they run (README.md, Prefect UI).
server: $(STAMP)
	$(BIN)/newsdesk server --port $(SERVER_PORT)

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

# The quick lane while working: everything but the tests marked slow (real Prefect runs, the
# evaluation sets, the wheel, the browser; tests/conftest.py marks them), spread over the cores
# (pytest-xdist). CI runs `make test`, in one process: its process and timing tests want the machine.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -n auto

# The report's browser test loads the page in Debian's Chromium: installed once, when missing
# (as root; a fresh CI machine has it after the first `make test`).
$(CHROMIUM):
	@echo "installing chromium (apt-get) for the report's browser test"
	@apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends chromium >/dev/null

# Re-pin every dependency after editing pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info
