"""Demo vaults show engagement: activities, invitations, who came, profiles and volunteers."""

from __future__ import annotations

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import VaultService

from .conftest import TODAY


def test_demo_data_includes_engagement_that_the_summary_counts(caseload: Caseload) -> None:
    summary = populate_demo(caseload, families=40, seed=5, today=TODAY)
    for kind in ("activity", "activity_session", "invitation", "activity_attendance"):
        assert summary.counts[kind] > 0, kind
    assert summary.counts["engagement_profile"] > 5
    figures = caseload.engagement_summary.summary()
    assert figures.current.engaged > 0
    assert any(a.attended for a in figures.activities)
    assert VaultService.verify(caseload.vault) == []
    # A second run adds families but finds the same activities.
    populate_demo(caseload, families=5, seed=5, today=TODAY)
    assert caseload.ctx.store.count("activity") == summary.counts["activity"]
