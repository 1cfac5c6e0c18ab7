"""The narrow family listing (`liaison family list`) says what the full records say."""

from __future__ import annotations

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import TODAY, caseload_on, new_family


def test_summaries_match_every_live_family_record_in_the_same_order(vault: Vault) -> None:
    caseload = caseload_on(vault)
    populate_demo(caseload, families=12, seed=3, today=TODAY)
    gone = new_family(caseload, "Gone family")
    caseload.families.delete(gone)
    caseload.families.set_fields(caseload.families.all()[0].id, {"postcode": "", "needs": []})
    expected = [
        (f.id, f.get("name"), f.get("postcode"), f.get("needs") or [])
        for f in caseload.families.all()
    ]
    summaries = caseload.families.summaries()
    assert [(s.id, s.name, s.postcode, s.needs) for s in summaries] == expected
    assert len(expected) == 12 and gone not in {s.id for s in summaries}
    assert any(s.needs for s in summaries)  # the tags column is decoded, not left as JSON
