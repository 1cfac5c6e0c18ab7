"""Shared by the translation tests: the catalogue sources and the compiled catalogues."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from liaison_desktop import i18n
from tools.i18n_check import compile_all

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "resources" / "translations"
POT = SOURCES / "liaison.pot"
WELSH = SOURCES / "cy.po"
LOCALE_DIR = ROOT / "liaison_desktop" / "resources" / "locale"


def ensure_compiled() -> None:
    """Compile the catalogues as `make translations` does, so a bare `pytest` works too."""
    problems = compile_all(SOURCES, LOCALE_DIR)
    assert not problems, "\n".join(str(p) for p in problems)


@contextmanager
def english_afterwards() -> Iterator[None]:
    """Leave the process's catalogue English whatever the test loaded."""
    try:
        yield
    finally:
        i18n.load("en")


def extract(to: Path) -> Path:
    """Run the same extraction as `make messages` into `to`; returns the .pot written."""
    pot = to / "fresh.pot"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("pybabel")),
            "extract",
            "-F",
            str(SOURCES / "babel.cfg"),
            "--no-default-keywords",
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "--no-location",
            "--no-wrap",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pot
