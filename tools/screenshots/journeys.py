"""The officer's and the lead's day (tests/journeys), a picture after each step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize

from tests.journeys.driver import Driver
from tests.journeys.journeys import lead_day, officer_day


def journey_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """Run both journeys, keeping `journey-<who>-<n>-<step>.png` for each step."""
    written: list[Path] = []
    officer = officer_day(root / "officer", Driver("officer", outdir, suffix))
    officer.controller.shutdown()
    written.extend(officer.driver.pictures)
    lead = lead_day(root / "lead", root / "others", Driver("lead", outdir, suffix))
    lead.controller.shutdown()
    written.extend(lead.driver.pictures)
    return written
