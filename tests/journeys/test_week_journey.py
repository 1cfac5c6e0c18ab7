"""The officer's week through the real main window, keyboard only (issue 22's acceptance)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.reports.report_helpers import poppler_pages

from .driver import Driver
from .journeys import PASSPHRASE
from .week_journey import officer_week


def test_the_officers_week(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    journey = officer_week(tmp_path / "officer", out, Driver("week"))
    try:
        assert journey.driver.steps == [
            "reminder", "diary", "no-access", "actions", "plan", "letter", "run-sheet",
        ]  # fmt: skip
    finally:
        journey.controller.shutdown()
    with Vault.unlock(journey.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        nowak = next(f for f in c.families.all() if f["name"] == "Nowak family")
        (visit,) = c.visits.for_family(nowak.id)
        assert visit["status"] == "no_access" and visit["no_access_steps"] == ["card_left"]
        assert visit["outcome_note"] == "No answer, curtains drawn"
        (action,) = c.actions.for_family(nowak.id)
        assert action["done"] and action["outcome"] == "Rebooked for Thursday"
        (goal,) = c.plan.goals(nowak.id)
        assert goal.latest_progress == "some_progress"
        okafor = next(f for f in c.families.all() if f["name"] == "Okafor family")
        assert c.visits.for_family(okafor.id)[0]["time"] == "14:00"
        assert [s["what"] for s in c.sharing.for_family(nowak.id)] == ["letter"]
        begum = next(f for f in c.families.all() if f["name"] == "Begum family")
        assert [s["what"] for s in c.sharing.for_family(begum.id)] == ["run_sheet"]
    letter = " ".join(poppler_pages(out / "letter.pdf"))
    assert "Dear Anna Nowak" in letter
    run_sheet = " ".join(" ".join(p.split()) for p in poppler_pages(out / "run-sheet.pdf"))
    # Today's planned visits only: the Nowak visit ended (no access), the Begum one is to come.
    assert "23:59 · Begum family" in run_sheet and "Side door" in run_sheet
    assert "Nowak family" not in run_sheet
