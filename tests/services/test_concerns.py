"""Concerns for the safeguarding lead: raised once, never edited, only added to."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import caseload_on, create_lead_vault, new_family


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return caseload_on(vault)


def test_a_concern_cannot_be_edited_or_deleted(caseload: Caseload) -> None:
    fid = new_family(caseload)
    concern = caseload.concerns.raise_concern(
        fid, "Child said there was no food at home yesterday.", urgency="urgent",
        who_was_told="Class teacher",
    )  # fmt: skip
    with pytest.raises(NotPermitted, match="add to it instead"):
        caseload.concerns.update(concern.id, {"observed": "Softer wording"})
    with pytest.raises(NotPermitted):
        caseload.concerns.delete(concern.id)
    stored = caseload.concerns.get(concern.id)
    assert stored["observed"] == "Child said there was no food at home yesterday."
    assert (stored["raised_by"], stored["urgency"]) == ("Test Officer", "urgent")


def test_additions_appear_in_order_and_are_append_only_too(caseload: Caseload) -> None:
    fid = new_family(caseload)
    concern = caseload.concerns.raise_concern(fid, "Bruise on left forearm.")
    first = caseload.concerns.add_to(concern.id, "Mum explained it was from football.")
    second = caseload.concerns.add_to(concern.id, "PE teacher confirms the match on Saturday.")
    view = caseload.concerns.view(concern.id)
    assert [a.id for a in view.additions] == [first.id, second.id]
    assert not view.acknowledged
    with pytest.raises(NotPermitted):
        caseload.concerns.additions.update(first.id, {"text": "changed"})


def test_a_concern_from_a_visit_must_name_a_visit_of_the_same_family(caseload: Caseload) -> None:
    fid = new_family(caseload)
    other = new_family(caseload, "Other family")
    visit = caseload.visits.create({"family_id": other, "date": "2025-03-14"})
    with pytest.raises(ValidationFailed, match="another family"):
        caseload.concerns.raise_concern(fid, "Seen", source="visit", source_id=visit.id)
    with pytest.raises(ValidationFailed, match="source_id"):
        caseload.concerns.raise_concern(fid, "Seen", source="note")
    own = caseload.visits.create({"family_id": fid, "date": "2025-03-14"})
    concern = caseload.concerns.raise_from_visit(own.id, "Seen", urgency="immediate")
    assert (concern["source"], concern["source_id"], concern["family_id"]) == ("visit", own.id, fid)
    note = caseload.notes.write(fid, "Phone call with Mum", final=True)
    assert caseload.concerns.raise_from_note(note.id, "Said")["source"] == "note"


def test_the_concern_needs_what_was_seen_and_a_real_urgency(caseload: Caseload) -> None:
    fid = new_family(caseload)
    with pytest.raises(ValidationFailed, match="observed"):
        caseload.concerns.raise_concern(fid, "   ")
    with pytest.raises(ValidationFailed, match="urgency"):
        caseload.concerns.raise_concern(fid, "Seen", urgency="whenever")
    assert caseload.concerns.query() == []


def test_only_a_lead_acknowledges(caseload: Caseload) -> None:
    fid = new_family(caseload)
    concern = caseload.concerns.raise_concern(fid, "Seen")
    with pytest.raises(NotPermitted, match="Only a safeguarding lead"):
        caseload.concerns.acknowledge(concern.id)
    assert caseload.concerns.additions_to(concern.id) == []


def test_lead_sees_open_concerns_most_urgent_first_until_acknowledged(tmp_path: Path) -> None:
    vault = create_lead_vault(tmp_path / "lead")
    try:
        caseload = caseload_on(vault)
        fid = new_family(caseload)
        routine = caseload.concerns.raise_concern(fid, "Late again", urgency="routine")
        immediate = caseload.concerns.raise_concern(fid, "Disclosure", urgency="immediate")
        urgent = caseload.concerns.raise_concern(fid, "No coat", urgency="urgent")
        assert [c.id for c in caseload.concerns.open_for_lead()] == [
            immediate.id,
            urgent.id,
            routine.id,
        ]
        caseload.concerns.add_to(immediate.id, "Police informed")  # not an acknowledgement
        assert caseload.concerns.open_for_lead()[0].id == immediate.id
        ack = caseload.concerns.acknowledge(immediate.id, "Strategy discussion booked.")
        assert ack["acknowledged"] is True and ack["author"] == "Dana Lead"
        assert caseload.concerns.is_acknowledged(immediate.id)
        assert [c.id for c in caseload.concerns.open_for_lead()] == [urgent.id, routine.id]
    finally:
        vault.close()


def test_the_lead_moves_a_concern_on_to_action_and_closure_with_reasons(tmp_path: Path) -> None:
    vault = create_lead_vault(tmp_path / "lead")
    try:
        caseload = caseload_on(vault)
        fid = new_family(caseload)
        waiting = caseload.concerns.raise_concern(fid, "Late again", urgency="routine")
        acted = caseload.concerns.raise_concern(fid, "Disclosure", urgency="immediate")
        closed = caseload.concerns.raise_concern(fid, "No coat", urgency="urgent")
        assert caseload.concerns.view(acted.id).stage == "raised"
        with pytest.raises(ValidationFailed, match="say what was done"):
            caseload.concerns.record_action(acted.id, "  ")
        caseload.concerns.record_action(acted.id, "Referred to MASH; strategy meeting Monday.")
        caseload.concerns.close(closed.id, "Coat given from the uniform bank; no further action.")
        with pytest.raises(ValidationFailed, match="already closed"):
            caseload.concerns.record_action(closed.id, "More")
        # Acting on a concern acknowledges it; information added later does not reopen it.
        caseload.concerns.add_to(acted.id, "Mum called back.")
        assert caseload.concerns.view(acted.id).stage == "action"
        assert caseload.concerns.view(acted.id).acknowledged
        queue = caseload.concerns.queue()
        assert [(q.concern.id, q.stage) for q in queue] == [
            (waiting.id, "raised"),  # waiting for the lead comes first, whatever its urgency
            (acted.id, "action"),
        ]
        assert [c.id for c in caseload.concerns.open_for_lead()] == [waiting.id]
        everything = caseload.concerns.queue(include_closed=True)
        assert everything[-1].concern.id == closed.id and everything[-1].closed
        last = caseload.concerns.additions_to(closed.id)[-1]
        assert (last["stage"], last["author"]) == ("closed", "Dana Lead")
    finally:
        vault.close()


def test_an_officer_can_neither_act_on_nor_close_a_concern(caseload: Caseload) -> None:
    fid = new_family(caseload)
    concern = caseload.concerns.raise_concern(fid, "Seen")
    with pytest.raises(NotPermitted, match="Only a safeguarding lead"):
        caseload.concerns.record_action(concern.id, "Phoned social care")
    with pytest.raises(NotPermitted, match="Only a safeguarding lead"):
        caseload.concerns.close(concern.id, "Nothing more")
    added = caseload.concerns.add_to(concern.id, "Mum called back.")
    assert added["stage"] == "note"
    assert caseload.concerns.view(concern.id).stage == "raised"
