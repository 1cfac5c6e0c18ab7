"""Issue 23, item 1: a concern to a decision — categories, the children it concerns, the lead's
decision with reasons and who was informed when, escalation, closure; never in the future; in
each child's chronology and subject access export."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.concerns_service import step_words
from liaison_desktop.services.reports.common import ReportTools
from liaison_desktop.services.reports.subject_access import subject_access_document
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import (
    TODAY,
    caseload_on,
    create_lead_vault,
    new_family,
)


@pytest.fixture
def lead(tmp_path: Path) -> Caseload:
    return caseload_on(create_lead_vault(tmp_path / "lead"))


def _children(c: Caseload, fid: str) -> tuple[str, str]:
    a = c.people.create({"family_id": fid, "given_name": "Ada", "role": "pupil"}).id
    b = c.people.create({"family_id": fid, "given_name": "Ben", "role": "pupil"}).id
    return a, b


def test_a_concern_names_its_category_and_every_child_it_concerns(lead: Caseload) -> None:
    fid = new_family(lead)
    ada, ben = _children(lead, fid)
    concern = lead.concerns.raise_concern(
        fid, "Both children hungry at breakfast club", category="neglect", person_ids=[ada, ben]
    )
    assert (concern["person_ids"], concern["person_id"], concern["category"]) == (
        [ada, ben], ada, "neglect"
    )  # fmt: skip
    other = new_family(lead, "Other family")
    (stranger, _b) = _children(lead, other)
    with pytest.raises(ValidationFailed, match="children of this family"):
        lead.concerns.raise_concern(fid, "Wrong child", person_ids=[stranger])


def test_nothing_about_a_concern_is_dated_in_the_future(lead: Caseload) -> None:
    fid = new_family(lead)
    tomorrow = (lead.ctx.now() + timedelta(days=1)).isoformat(timespec="seconds")
    with pytest.raises(ValidationFailed, match="in the future"):
        lead.concerns.raise_concern(fid, "Will happen", happened_at=tomorrow)
    planned = lead.visits.plan(fid, TODAY + timedelta(days=3), purpose="Later").id
    with pytest.raises(ValidationFailed, match="has not happened yet"):
        lead.concerns.raise_from_visit(planned, "Seen at a visit not yet made")
    concern = lead.concerns.raise_concern(fid, "Seen today")
    with pytest.raises(ValidationFailed, match="in the future"):
        lead.concerns.decide(concern.id, "monitor", "Watch", informed="Carer", informed_at=tomorrow)
    assert lead.concerns.view(concern.id).stage == "raised"


def test_the_lead_decides_escalates_and_closes_with_who_was_told(lead: Caseload) -> None:
    fid = new_family(lead)
    ada, _ben = _children(lead, fid)
    concern = lead.concerns.raise_concern(fid, "Disclosure at school", person_ids=[ada])
    told = lead.ctx.now_iso()
    lead.concerns.decide(
        concern.id, "social_care", "Threshold met: disclosure of harm",
        informed="Parent by phone", informed_at=told,
    )  # fmt: skip
    escalation = lead.concerns.escalate(
        concern.id, "social_care", "Referral made to MASH", reference="MASH-0042"
    )
    action = lead.actions.add(fid, "Chase MASH outcome", source=concern)
    lead.concerns.close(concern.id, "Accepted by children's social care")
    view = lead.concerns.view(concern.id)
    assert view.closed and view.decision is not None
    assert (view.decision["decision"], view.decision["informed"], view.decision["informed_at"]) == (
        "social_care", "Parent by phone", told
    )  # fmt: skip
    assert [e["reference"] for e in view.escalations] == ["MASH-0042"]
    assert "MASH-0042" in step_words(escalation)
    assert lead.actions.get(action.id)["source_id"] == concern.id
    with pytest.raises(ValidationFailed, match="already closed"):
        lead.concerns.decide(concern.id, "monitor", "Too late")
    with pytest.raises(ValidationFailed, match="who was informed"):
        other = lead.concerns.raise_concern(fid, "Another")
        lead.concerns.decide(other.id, "monitor", "Watch", informed_at=told)


def test_an_officer_cannot_decide_or_escalate(vault: Vault) -> None:
    officer = caseload_on(vault)
    fid = new_family(officer)
    concern = officer.concerns.raise_concern(fid, "Seen at the gate")
    with pytest.raises(NotPermitted):
        officer.concerns.decide(concern.id, "no_further_action", "Fine")
    with pytest.raises(NotPermitted):
        officer.concerns.escalate(concern.id, "police", "Called 101")
    with pytest.raises(NotPermitted):
        officer.concerns.categories.add_category("Attendance at risk")


def test_the_school_adds_categories_and_retires_them(lead: Caseload) -> None:
    added = lead.concerns.categories.add_category("  Attendance   at risk ")
    values = [value for value, _label in lead.concerns.categories.choices()]
    assert "Attendance at risk" in values and values[-1] == "other"
    with pytest.raises(ValidationFailed, match="built-in"):
        lead.concerns.categories.add_category("neglect")
    lead.concerns.categories.retire(added.id)
    assert "Attendance at risk" not in [v for v, _l in lead.concerns.categories.choices()]
    assert lead.concerns.categories.add_category("Attendance at risk").id == added.id


def test_each_child_named_has_the_concern_in_their_chronology_and_sar(lead: Caseload) -> None:
    fid = new_family(lead)
    ada, ben = _children(lead, fid)
    lone = lead.people.create({"family_id": fid, "given_name": "Cal", "role": "pupil"}).id
    concern = lead.concerns.raise_concern(
        fid, "Both children hungry", person_ids=[ada, ben], category="neglect"
    )
    lead.concerns.decide(concern.id, "early_help", "Family agreed to Early Help")
    for child in (ada, ben):
        ids = {e.record_id for e in lead.chronology.for_child(fid, child)}
        assert concern.id in ids
    assert concern.id not in {e.record_id for e in lead.chronology.for_child(fid, lone)}
    lines = [e.summary for e in lead.chronology.for_family(fid)]
    assert any("Decision: Early Help" in line for line in lines)
    assert any("neglect" in line for line in lines)
    document = subject_access_document(ReportTools(lead), ben)
    (item,) = document["concerns"]
    assert item["category"] == "Neglect"
    assert [a["decision"] for a in item["additions"]] == ["early_help"]
    assert subject_access_document(ReportTools(lead), lone)["concerns"] == []


def test_the_leads_queue_is_most_urgent_then_oldest(lead: Caseload) -> None:
    fid = new_family(lead)
    times = iter(range(10))
    lead.ctx.now = lambda: _at(next(times))
    routine = lead.concerns.raise_concern(fid, "Routine, oldest", urgency="routine")
    urgent_new = lead.concerns.raise_concern(fid, "Urgent, newer", urgency="urgent")
    immediate = lead.concerns.raise_concern(fid, "Immediate", urgency="immediate")
    decided = lead.concerns.raise_concern(fid, "Decided already", urgency="immediate")
    lead.concerns.decide(decided.id, "monitor", "Watch at school")
    order = [view.concern.id for view in lead.concerns.queue()]
    assert order == [immediate.id, urgent_new.id, routine.id, decided.id]


def _at(minutes: int) -> datetime:
    return datetime.combine(TODAY, time(9, 0), tzinfo=UTC) + timedelta(minutes=minutes)
