"""The catalogue follows the code: Welsh covers the main screens, and no translation is left
behind for a string the code no longer uses (run `make messages` after changing strings)."""

from __future__ import annotations

from pathlib import Path

from tools.i18n_check import catalogue_ids, translated_ids

from .catalogues import POT, WELSH, extract

# The main screens' words that must stay translated (unlock, set-up, main window, Today,
# Caseload, family tabs, Settings, a common button and the commonest error).
MAIN_SCREENS = [
    "Liaison Desktop is locked",
    "Unlock",
    "Set up Liaison Desktop",
    "Create vault",
    "Today",
    "Caseload",
    "Directory",
    "Sync",
    "Reports",
    "Settings",
    "&Vault",
    "&Lock",
    "&Quit",
    "Your day: visits today",
    "Families",
    "&New family…",
    "Overview",
    "People",
    "Chronology",
    "La&nguage",
    "Takes effect when you restart Liaison Desktop.",
    "&Cancel",
    "The passphrase is not correct.",
]


def test_welsh_covers_the_main_screens() -> None:
    welsh = translated_ids(WELSH)
    assert len(welsh) >= 150
    assert [s for s in MAIN_SCREENS if s not in welsh] == []


def test_no_translation_is_kept_for_a_string_the_code_no_longer_uses(tmp_path: Path) -> None:
    in_code = catalogue_ids(extract(tmp_path))
    stale = sorted(translated_ids(WELSH) - in_code)
    assert stale == [], "the code changed these strings; run `make messages`: " + repr(stale)


def test_the_template_holds_every_welsh_entry() -> None:
    assert translated_ids(WELSH) <= catalogue_ids(POT)


def test_extraction_sees_strings_in_every_layer(tmp_path: Path) -> None:
    # UI, CLI and service messages all reach the one catalogue.
    in_code = catalogue_ids(extract(tmp_path))
    assert "Sections" in in_code  # ui/main_window.py
    assert "liaison: cancelled.\n" in in_code  # cli/main.py
    assert "The passphrase is not correct." in in_code  # store/keyfile.py
    assert "{n} family" in in_code  # an ngettext call
