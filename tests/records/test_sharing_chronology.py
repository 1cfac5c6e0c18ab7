"""Each information-sharing entry is a line of the family's chronology: what, to whom, why."""

from __future__ import annotations

from pathlib import Path

from liaison_desktop.interchange import json_export
from liaison_desktop.store.vault import Vault
from tests.reports.report_helpers import caseload

from .sharing_helpers import make_family
from .test_sharing_exports import HOUSING


def test_a_share_and_an_own_records_export_appear_in_the_chronology(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    family = make_family(c, "Okafor family", consent="given")
    json_export.export_json(c, tmp_path / "shared.json", HOUSING)
    json_export.export_json(c, tmp_path / "own.json")

    lines = [e for e in c.chronology.for_family(family.family_id) if e.kind == "sharing"]
    assert len(lines) == 2
    summaries = sorted(e.summary for e in lines)
    assert summaries[0] == "Made for our own records: Data export (JSON, not encrypted)"
    assert summaries[1] == (
        "Shared: Data export (JSON, not encrypted) with Tenancy support officer, Demoford "
        "Housing Trust (Public task — Article 6(1)(e); consent: given)"
    )
    entries = {e["id"] for e in c.sharing.history(family.family_id)}
    assert {e.record_id for e in lines} == entries
    assert all(e.author for e in lines)
    # The kind can be chosen on its own, as the chronology tab's filter does.
    only = c.chronology.for_family(family.family_id, kinds=["sharing"])
    assert [e.record_id for e in only] == [e.record_id for e in lines]
