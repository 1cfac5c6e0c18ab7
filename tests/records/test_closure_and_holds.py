"""Closing and reopening cases, the retention schedule, keep decisions and legal holds."""

from __future__ import annotations

from datetime import date

import pytest

from liaison_desktop.errors import InputRejected, NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.records.case_helpers import close_long_ago, make_case
from tests.records.conftest import LONG_AGO
from tests.services.caseload_helpers import TODAY, caseload_on


def test_closing_a_case_takes_it_out_of_the_caseload_list_and_reopening_brings_it_back(
    lead: Caseload,
) -> None:
    case = make_case(lead)
    other = lead.families.create({"name": "Other family"}).id
    lead.closures.close(case.family_id, reason="Needs met", outcome="needs_met")
    status = lead.closures.status(case.family_id)
    assert status.closed and status.closed_on == TODAY and status.outcome == "needs_met"
    assert [r.family_id for r in lead.caseload_rows.rows()] == [other]
    assert {r.family_id for r in lead.caseload_rows.rows(include_closed=True)} == {
        case.family_id,
        other,
    }
    with pytest.raises(InputRejected, match="already closed"):
        lead.closures.close(case.family_id, reason="again", outcome="other")
    lead.closures.reopen(case.family_id, reason="A new referral from the school nurse")
    assert not lead.closures.status(case.family_id).closed
    assert {r.family_id for r in lead.caseload_rows.rows()} == {case.family_id, other}
    assert [e["action"] for e in lead.closures.history(case.family_id)] == ["close", "reopen"]
    actions = [e.action for e in lead.audit.for_family(case.family_id)]
    assert "close-case" in actions and "reopen-case" in actions


def test_closing_needs_a_reason_and_a_known_outcome(lead: Caseload) -> None:
    case = make_case(lead)
    with pytest.raises(ValidationFailed, match="outcome"):
        lead.closures.close(case.family_id, reason="x", outcome="hard_to_reach")
    with pytest.raises(ValidationFailed, match="reason"):
        lead.closures.close(case.family_id, reason="", outcome="needs_met")
    with pytest.raises(ValidationFailed, match="closing date"):
        lead.closures.close(case.family_id, reason="x", outcome="needs_met", on=date(2099, 1, 1))
    assert not lead.closures.status(case.family_id).closed


def test_closure_appears_in_the_family_chronology(lead: Caseload) -> None:
    case = make_case(lead)
    lead.closures.close(case.family_id, reason="Needs met", outcome="needs_met")
    kinds = [e.kind for e in lead.chronology.for_family(case.family_id)]
    assert "case_closure" in kinds


def test_closed_cases_stay_searchable_for_the_lead_but_not_for_an_officer(
    lead: Caseload, vault: Vault
) -> None:
    case = make_case(lead, note_text="Quetzalcoatl lantern club")
    lead.closures.close(case.family_id, reason="Needs met", outcome="needs_met")
    assert [h.record_id for h in lead.search.search("Quetzalcoatl")] == [case.note_id]
    officer = caseload_on(vault)
    mine = make_case(officer, note_text="Quetzalcoatl lantern club")
    assert [h.record_id for h in officer.search.search("Quetzalcoatl")] == [mine.note_id]
    officer.closures.close(mine.family_id, reason="Moved away", outcome="moved_area")
    assert officer.search.search("Quetzalcoatl") == []


def test_the_lead_sets_the_schedule_and_an_officer_cannot(lead: Caseload, vault: Vault) -> None:
    entry = lead.retention.set_rule("note", years=2)
    assert (entry.kind, entry.years, entry.basis, entry.is_default) == (
        "note",
        2,
        "after_closure",
        False,
    )
    assert lead.retention.rules()["note"].years == 2
    with pytest.raises(ValidationFailed):
        lead.retention.set_rule("contact", years=2)
    with pytest.raises(NotPermitted):
        caseload_on(vault).retention.set_rule("note", years=1)


def test_a_record_past_retention_appears_in_the_review_queue(lead: Caseload) -> None:
    case = make_case(lead, pupil_born="2004-05-01")
    assert lead.retention.review_queue() == []  # open: nothing is due
    close_long_ago(lead, case.family_id, LONG_AGO)
    [review] = lead.retention.review_queue()
    assert review.family_id == case.family_id and review.closed_on == LONG_AGO
    due = {(i.kind, i.record_id): i for i in review.items}
    assert due[("note", case.note_id)].due_on == date(2016, 7, 20)
    # The concern is child-protection information: the pupil's birth + 25 years (2029).
    assert ("concern", case.concern_id) not in due
    # The family and its pupil stay while anything else of the case is kept.
    assert ("family", case.family_id) not in due and ("person", case.pupil_id) not in due
    later = caseload_on(lead.vault, today=date(2029, 5, 1))
    [review] = later.retention.review_queue()
    kinds = {i.kind for i in review.items}
    assert {"concern", "family", "person", "note"} <= kinds


def test_keeping_records_moves_them_out_of_the_queue_until_the_new_date(lead: Caseload) -> None:
    case = make_case(lead)
    close_long_ago(lead, case.family_id, LONG_AGO)
    with pytest.raises(ValidationFailed, match="after today"):
        lead.retention.keep(case.family_id, reason="x", until=TODAY)
    lead.retention.keep(
        case.family_id, reason="Sibling's case still open", until=date(2026, 1, 1),
        record=("note", case.note_id),
    )  # fmt: skip
    due_now = {(i.kind, i.record_id) for r in lead.retention.review_queue() for i in r.items}
    assert ("note", case.note_id) not in due_now
    later = caseload_on(lead.vault, today=date(2026, 1, 1))
    [review] = later.retention.review_queue()
    assert ("note", case.note_id) in {(i.kind, i.record_id) for i in review.items}
    assert "retention-keep" in [e.action for e in lead.audit.for_family(case.family_id)]


def test_only_the_lead_places_and_releases_holds(lead: Caseload, vault: Vault) -> None:
    case = make_case(lead)
    hold = lead.holds.place(case.family_id, reason="Serious case review")
    assert hold["placed_by"] == "Dana Lead" and hold["target_kind"] == "family"
    assert [h.id for h in lead.holds.active(case.family_id)] == [hold.id]
    officer = caseload_on(vault)
    with pytest.raises(NotPermitted):
        officer.holds.place(make_case(officer).family_id, reason="x")
    released = lead.holds.release(hold.id, reason="Review concluded")
    assert released["released_by"] == "Dana Lead" and released["release_reason"]
    assert lead.holds.active() == []
    with pytest.raises(InputRejected, match="released already"):
        lead.holds.release(hold.id, reason="again")
    actions = [e.action for e in lead.audit.for_family(case.family_id)]
    assert "hold-place" in actions and "hold-release" in actions


def test_the_last_close_or_reopen_decides_even_within_the_same_second(lead: Caseload) -> None:
    # `lead`'s clock is fixed: every event below has the same time, as a quick correction would.
    case = make_case(lead)
    for turn in range(6):
        lead.closures.close(case.family_id, reason=f"Closed {turn}", outcome="needs_met")
        assert lead.closures.status(case.family_id).closed
        assert case.family_id in lead.closures.closed_family_ids()
        lead.closures.reopen(case.family_id, reason=f"Reopened {turn}")
        assert not lead.closures.status(case.family_id).closed
        assert case.family_id not in lead.closures.closed_family_ids()
    history = lead.closures.history(case.family_id)
    assert [e["action"] for e in history] == ["close", "reopen"] * 6


def test_the_cases_own_trail_falls_due_only_with_the_family(lead: Caseload) -> None:
    # Closures, holds, keep decisions and shares speak about the case: they must not be
    # destroyed while any record they speak about is kept.
    case = make_case(lead)
    close_long_ago(lead, case.family_id, LONG_AGO)
    lead.holds.place(case.family_id, reason="Inquiry", record=("note", case.note_id))
    due = {i.kind for r in lead.retention.review_queue() for i in r.items}
    assert "note" in due
    assert not due & {"case_closure", "legal_hold", "retention_review", "sharing", "family"}

    much_later = caseload_on(lead.vault, today=date(2040, 1, 1))  # the CP records are due too
    due_later = {i.kind for r in much_later.retention.review_queue() for i in r.items}
    assert {"case_closure", "legal_hold", "family", "person", "concern"} <= due_later


def test_a_closing_date_cannot_precede_the_records_it_closes(lead: Caseload) -> None:
    from datetime import timedelta

    case = make_case(lead)  # its note and concern are of 2009-09-01
    lead.notes.create(
        {"family_id": case.family_id, "written_at": (TODAY - timedelta(days=3)).isoformat(),
         "author": "Sam Officer", "text": "Last visit", "status": "draft"}
    )  # fmt: skip
    month_ago = TODAY - timedelta(days=30)
    with pytest.raises(ValidationFailed, match="records written on"):
        lead.closures.close(case.family_id, reason="x", outcome="needs_met", on=month_ago)
    assert not lead.closures.status(case.family_id).closed
    lead.closures.close(case.family_id, reason="Needs met", outcome="needs_met", on=TODAY)
    assert lead.closures.status(case.family_id).closed_on == TODAY
