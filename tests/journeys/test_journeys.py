"""The officer's day and the lead's day through the real main window, by keys and clicks."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault

from .driver import Driver
from .journeys import PASSPHRASE, lead_day, officer_day


def test_the_officers_day(qtbot: QtBot, tmp_path: Path) -> None:
    journey = officer_day(tmp_path / "officer", Driver("officer"))
    try:
        assert journey.driver.steps == [
            "today", "family", "checked-in", "note", "concern", "concerns", "visit-outcome",
            "checked-out",
            "locked",
        ]  # fmt: skip
    finally:
        journey.controller.shutdown()
    with Vault.unlock(journey.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        (family,) = [f for f in c.families.all() if f["name"] == "Nowak family"]
        (visit,) = [v for v in c.visits.for_family(family.id)]
        assert visit["status"] == "completed" and visit["checked_out_at"]
        (note,) = c.notes.for_family(family.id)
        assert note["status"] == "final" and "school trip" in note["text"]
        (concern,) = c.concerns.for_family(family.id)
        assert (concern["urgency"], concern["source"]) == ("immediate", "note")


def test_the_leads_day(qtbot: QtBot, tmp_path: Path) -> None:
    journey = lead_day(tmp_path / "lead", tmp_path / "others", Driver("lead"))
    try:
        assert journey.driver.steps == [
            "today", "acknowledged", "action", "closed", "allocate", "allocated",
        ]  # fmt: skip
    finally:
        journey.controller.shutdown()
    with Vault.unlock(journey.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        (concern,) = c.concerns.query()
        assert c.concerns.view(concern.id).stage == "closed"
        stages = [a["stage"] for a in c.concerns.additions_to(concern.id)]
        assert stages == ["acknowledged", "action", "closed"]
        assert all(c.allocations.for_family(f.id) for f in c.families.all())
