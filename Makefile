# Two commands do all set-up (see README): `make run` starts the app, `make test` runs every test.
# Both create the local virtual environment .venv from requirements.lock on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
ARGS   ?=

.PHONY: run demo test lint bench screenshots lock clean-venv

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/liaison-desktop $(ARGS)

demo: $(STAMP)
	$(BIN)/liaison-desktop --demo $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check liaison_desktop tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python -m liaison_desktop.ui.screenshots docs/screenshots

lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --universal --extra test --extra package \
	  pyproject.toml -o requirements.lock

clean-venv:
	rm -rf $(VENV)
