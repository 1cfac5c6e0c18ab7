"""Two records of one family: warned before creating, merged by the lead, or removed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import caseload_on, create_lead_vault


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Caseload]:
    vault = create_lead_vault(tmp_path / "lead")
    try:
        yield caseload_on(vault)
    finally:
        vault.close()


def test_a_family_with_the_same_name_and_postcode_is_named_before_creating(
    lead: Caseload,
) -> None:
    leeds = lead.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    lead.people.create({"family_id": leeds, "given_name": "Aisha", "role": "pupil"})
    no_postcode = lead.families.create({"name": "ALI  family"}).id
    lead.families.create({"name": "Ali family", "postcode": "BD1 2ZZ"})
    found = lead.family_merge.possible_duplicates("ali family", "ls61aa")
    assert {(d.family_id, d.label) for d in found} == {
        (leeds, "Ali family · LS6 1AA · Aisha"),
        (no_postcode, "ALI  family · no postcode"),
    }
    assert len(lead.family_merge.possible_duplicates("Ali family")) == 3
    assert lead.family_merge.possible_duplicates("Okafor family") == []


def test_merging_moves_every_record_keeps_its_words_and_says_so(lead: Caseload) -> None:
    keep = lead.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    duplicate = lead.families.create({"name": "Ali family", "phone": "0113 496 0000"}).id
    person = lead.people.create({"family_id": duplicate, "given_name": "Omar", "role": "pupil"})
    note = lead.notes.write(duplicate, "Home visit: all well.", final=True)
    concern = lead.concerns.raise_concern(duplicate, "Bruise on arm", urgency="urgent")
    lead.concerns.acknowledge(concern.id)
    visit = lead.visits.plan(duplicate, date(2025, 3, 20), purpose="Uniform")

    result = lead.family_merge.merge(keep, duplicate)

    assert result.moved == 5  # person, note, concern, its acknowledgement, visit
    assert lead.families.find(duplicate) is None
    for kind, record_id in (
        ("person", person.id),
        ("note", note.id),
        ("concern", concern.id),
        ("visit", visit.id),
    ):
        assert lead.ctx.store.get(kind, record_id)["family_id"] == keep  # type: ignore[index]
    moved_concern = lead.concerns.get(concern.id)
    assert moved_concern["observed"] == "Bruise on arm"
    assert lead.concerns.view(concern.id).stage == "acknowledged"
    assert lead.notes.get(note.id)["text"] == "Home visit: all well."
    assert lead.families.get(keep)["phone"] == "+441134960000"  # filled in, nothing replaced
    assert lead.families.get(keep)["postcode"] == "LS6 1AA"
    summaries = [e.summary for e in lead.chronology.for_family(keep)]
    assert any("Merged with a duplicate record of this family" in s for s in summaries)
    assert [r.family_id for r in lead.search.search("Bruise")] == [keep]


def test_only_a_lead_merges_or_removes(vault: Vault) -> None:
    officer = caseload_on(vault)
    a = officer.families.create({"name": "Ali family"}).id
    b = officer.families.create({"name": "Ali family"}).id
    with pytest.raises(NotPermitted, match="Only a safeguarding lead"):
        officer.family_merge.merge(a, b)
    with pytest.raises(NotPermitted, match="Only a safeguarding lead"):
        officer.family_merge.remove(b)
    assert officer.families.find(b) is not None


def test_a_family_created_by_mistake_is_removed_but_not_one_with_case_records(
    lead: Caseload,
) -> None:
    mistake = lead.families.create({"name": "Ali family"}).id
    lead.people.create({"family_id": mistake, "given_name": "Omar", "role": "pupil"})
    worked = lead.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    lead.notes.write(worked, "Phoned Mum.", final=True)
    with pytest.raises(NotPermitted, match=r"already has case records \(Note\).*merge it"):
        lead.family_merge.remove(worked)
    assert lead.families.find(worked) is not None
    lead.family_merge.remove(mistake)
    assert lead.families.find(mistake) is None
    assert lead.people.for_family(mistake) == []
