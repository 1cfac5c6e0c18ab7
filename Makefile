# Two commands do all set-up (see README): `make run` starts the app, `make test` runs every test.
# Both create the local virtual environment .venv from requirements.lock on first use, after
# tools/system-packages.sh has installed the Debian packages they need (LIAISON_SKIP_SYSTEM=1
# skips that, for people who manage packages themselves).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
ARGS   ?=

.PHONY: run demo test lint bench screenshots lock clean-venv translations messages package \
  system-packages

# What each command needs from Debian (liaison_desktop/resources/debian-packages.txt): venv for
# .venv alone, run for the app, test for the suite and the build. Every command reaches this
# through $(STAMP), so it runs first, once, with the needs of the command that was asked for.
SYSTEM_NEEDS := venv
run demo bench: SYSTEM_NEEDS := run
test screenshots package: SYSTEM_NEEDS := test
system-packages:
	@bash tools/system-packages.sh --python "$(PYTHON)" $(SYSTEM_NEEDS)

$(STAMP): requirements.lock pyproject.toml | system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

# Translations: resources/translations/<lang>.po are the sources; the compiled catalogues the
# app loads are build products (gitignored). `make messages` re-extracts every _() string into
# liaison.pot and merges it into each .po; `make translations` checks and compiles them.
PO_FILES := $(wildcard resources/translations/*.po)
MO_FILES := $(patsubst resources/translations/%.po,liaison_desktop/resources/locale/%/LC_MESSAGES/liaison.mo,$(PO_FILES))

translations: $(MO_FILES)

liaison_desktop/resources/locale/%/LC_MESSAGES/liaison.mo: resources/translations/%.po $(STAMP)
	$(BIN)/python -m tools.i18n_check --compile $< -o liaison_desktop/resources/locale

messages: $(STAMP)
	$(BIN)/pybabel extract -F resources/translations/babel.cfg --no-default-keywords \
	  -k _ -k N_ -k ngettext:1,2 --sort-output --no-location --no-wrap --project "Liaison Desktop" \
	  -c TRANSLATORS: -o resources/translations/liaison.pot .
	for po in $(PO_FILES); do \
	  $(BIN)/pybabel update --no-wrap --no-fuzzy-matching \
	    -i resources/translations/liaison.pot -o $$po -l $$(basename $$po .po) || exit 1; \
	done

run: $(STAMP) translations
	$(BIN)/liaison-desktop $(ARGS)

demo: $(STAMP) translations
	$(BIN)/liaison-desktop --demo $(ARGS)

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist loadfile $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check liaison_desktop tests bench tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

# docs/screenshots at 100% and 200% (tools/screenshots); GROUPS="records unlock" renders only those.
GROUPS ?=
screenshots: $(STAMP) translations
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python -m tools.screenshots docs/screenshots $(GROUPS)
	QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python -m tools.screenshots docs/screenshots $(GROUPS)

# The one-folder app for this platform (packaging/README.md): dist/liaison-desktop/ holds
# `liaison-desktop` and `liaison`. DIST and PYI_WORK move the output and PyInstaller's cache.
DIST     ?= dist
PYI_WORK ?= build/pyinstaller
package: $(STAMP) translations
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath $(DIST) --workpath $(PYI_WORK) \
	  packaging/liaison-desktop.spec

lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --universal --extra test --extra package \
	  pyproject.toml -o requirements.lock

clean-venv:
	rm -rf $(VENV)
