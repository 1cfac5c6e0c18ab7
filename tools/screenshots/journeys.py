"""The officer's day and week, the lead's day and a concern to its decision (tests/journeys),
a picture after each step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize

from tests.journeys.concern_journey import concern_to_decision
from tests.journeys.driver import Driver
from tests.journeys.journeys import lead_day, officer_day
from tests.journeys.week_journey import officer_week


def journey_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """Run the journeys, keeping `journey-<who>-<n>-<step>.png` for each step."""
    written: list[Path] = []
    officer = officer_day(root / "officer", Driver("officer", outdir, suffix))
    officer.controller.shutdown()
    written.extend(officer.driver.pictures)
    lead = lead_day(root / "lead", root / "others", Driver("lead", outdir, suffix))
    lead.controller.shutdown()
    written.extend(lead.driver.pictures)
    (root / "week-files").mkdir(parents=True, exist_ok=True)
    week = officer_week(root / "week", root / "week-files", Driver("week", outdir, suffix))
    week.controller.shutdown()
    written.extend(week.driver.pictures)
    concern = concern_to_decision(root / "concern", Driver("concern", outdir, suffix))
    written.extend(concern.driver.pictures)
    return written
