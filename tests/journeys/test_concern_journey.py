"""Issue 23's acceptance: a concern raised on an officer's laptop reaches the lead's decision
and closure, and both are on the officer's laptop after the next sync — real app, real keys,
real bundles."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

from .concern_journey import concern_to_decision
from .driver import Driver


def test_a_concern_goes_from_the_officer_to_a_decision_and_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    journey = concern_to_decision(tmp_path, Driver("concern"))
    assert journey.driver.steps == [
        "raise", "queue", "decision", "closed", "back-on-the-laptop",
    ]  # fmt: skip
    assert "Decision: Referral to children's social care (MASH)" in journey.officer_detail
    assert "Informed: Mum, by phone" in journey.officer_detail
    assert "closed by the safeguarding lead" in journey.officer_detail
    school = journey.school
    for member in (school.sam, school.lead):
        with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
            c = Caseload(vault)
            view = c.concerns.view(journey.concern_id)
            assert view.closed and view.decision is not None
            assert view.decision["decision"] == "social_care"
            assert view.concern["category"] == "neglect"
            names = c.concerns.children_names(view.concern)
            assert names == ["Ada Ashworth", "Ben Ashworth"]
