"""The chronology is derived from the records, in time order, amendments beside their notes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.domain.chronology import AMENDMENT, ChronologyEntry, arrange, summarise
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import TODAY, caseload_on, new_family


class Clock:
    """A settable clock, so each record is written at a known moment."""

    def __init__(self) -> None:
        self.at = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def caseload(vault: Vault, clock: Clock) -> Caseload:
    caseload = caseload_on(vault)
    caseload.ctx.now = clock
    return caseload


def test_amendment_sits_directly_after_the_note_it_amends(caseload: Caseload, clock: Clock) -> None:
    fid = new_family(caseload)
    note = caseload.notes.write(fid, "Home visit: Mum well.\nSecond line", final=True)
    clock.at += timedelta(days=1)
    caseload.visits.create({"family_id": fid, "date": "2025-03-02", "status": "completed",
                            "purpose": "Check-in"})  # fmt: skip
    clock.at += timedelta(days=1)
    later = caseload.notes.write(fid, "Phone call", final=True)
    clock.at += timedelta(days=5)
    amendment = caseload.notes.amend(note.id, "Correction: it was Dad, not Mum.")
    entries = caseload.chronology.for_family(fid)
    ids = [e.record_id for e in entries]
    assert ids == [note.id, amendment.id, ids[2], later.id]
    assert entries[0].summary.endswith("Home visit: Mum well.")  # first line only
    amend_entry = entries[1]
    assert amend_entry.is_amendment and amend_entry.kind == AMENDMENT
    assert amend_entry.related_id == note.id
    assert amend_entry.summary.startswith("Amendment:")
    assert entries[2].kind == "visit"


def test_chronology_gathers_every_area_in_time_order(caseload: Caseload, clock: Clock) -> None:
    fid = new_family(caseload)
    pupil = caseload.people.create({"family_id": fid, "given_name": "Zoë", "role": "pupil"})
    contact = caseload.directory.create({"organisation": "Hope Food Bank", "kind": "food_bank",
                                         "layer": 3})  # fmt: skip
    referral = caseload.referrals.add(fid, "food_bank", vouchers=1, reason="Test referral").record
    caseload.referrals.move(referral.id, "sent")
    caseload.actions.add(fid, "Chase housing", due=TODAY)
    caseload.consents.give(fid, "Share with health", "Mum")
    concern = caseload.concerns.raise_concern(fid, "Said there was no heating", urgency="urgent")
    caseload.concerns.add_to(concern.id, "Landlord contacted")
    caseload.attendance.record(pupil.id, "Autumn 2024", 100, 80)
    caseload.directory.link(fid, contact.id, "Food parcels")
    caseload.attachments.attach(fid, "letter.pdf", b"%PDF")
    caseload.notes.write(fid, "Summary of the week")
    entries = caseload.chronology.for_family(fid)
    kinds = {e.kind for e in entries}
    assert kinds >= {
        "referral", "referral_status", "action", "consent", "concern", "concern_addition",
        "attendance", "case_link", "attachment", "note",
    }  # fmt: skip
    assert [e.when for e in entries] == sorted(e.when for e in entries)
    attendance = next(e for e in entries if e.kind == "attendance")
    assert "80.0%" in attendance.summary and "persistent absence" in attendance.summary
    addition = next(e for e in entries if e.kind == "concern_addition")
    assert addition.related_id == concern.id
    assert caseload.ctx.store.count("note") == 1  # nothing was stored for the chronology


def test_filter_by_kind_keeps_follow_ups_and_by_date_is_inclusive(
    caseload: Caseload, clock: Clock
) -> None:
    fid = new_family(caseload)
    note = caseload.notes.write(fid, "Visit notes", final=True)  # 2025-03-01
    clock.at += timedelta(days=10)
    caseload.notes.amend(note.id, "Correction")  # 2025-03-11
    caseload.referrals.create(
        {"family_id": fid, "kind": "furniture", "date": "2025-03-05", "status": "draft"}
    )
    notes_only = caseload.chronology.for_family(fid, kinds={"note"})
    assert [e.kind for e in notes_only] == ["note", AMENDMENT]
    first_week = caseload.chronology.for_family(fid, start=date(2025, 3, 1), end=date(2025, 3, 5))
    assert [e.kind for e in first_week] == ["note", AMENDMENT, "referral"]
    later = caseload.chronology.for_family(fid, start=date(2025, 3, 2))
    assert [e.kind for e in later] == ["referral", AMENDMENT]


def test_summaries_are_short_first_lines() -> None:
    assert summarise("\n\n  First line  \nsecond") == "First line"
    long = summarise("x" * 500)
    assert len(long) == 120 and long.endswith("…")
    assert summarise(None) == ""


entry_times = st.datetimes(datetime(2024, 1, 1), datetime(2024, 1, 3))


@st.composite
def entry_lists(draw: st.DrawFn) -> list[ChronologyEntry]:
    notes = [
        ChronologyEntry(draw(entry_times), "note", "n", None, f"n{i}")
        for i in range(draw(st.integers(0, 6)))
    ]
    others = [
        ChronologyEntry(draw(entry_times), "visit", "v", None, f"v{i}")
        for i in range(draw(st.integers(0, 6)))
    ]
    amendments = []
    for i in range(draw(st.integers(0, 6)) if notes else 0):
        target = draw(st.sampled_from(notes))
        when = target.when + draw(st.timedeltas(timedelta(0), timedelta(days=5)))
        amendments.append(ChronologyEntry(when, AMENDMENT, "a", None, f"a{i}", target.record_id))
    items = notes + others + amendments
    return draw(st.permutations(items))


@given(entry_lists())
def test_arrange_keeps_every_entry_and_puts_amendments_after_their_note(
    entries: list[ChronologyEntry],
) -> None:
    arranged = arrange(entries)
    assert sorted(map(id, arranged)) == sorted(map(id, entries))
    heads = [e for e in arranged if not e.is_amendment]
    assert [e.when for e in heads] == sorted(e.when for e in heads)
    for index, entry in enumerate(arranged):
        if entry.is_amendment:
            # Walk back over the note's other amendments: the note itself comes first.
            back = index - 1
            while arranged[back].is_amendment:
                assert arranged[back].related_id == entry.related_id
                back -= 1
            assert arranged[back].record_id == entry.related_id


def test_every_kind_of_entry_has_one_readable_label_on_screen_and_in_reports() -> None:
    from liaison_desktop.domain.chronology import kind_label
    from liaison_desktop.reports.chronology import kind_text
    from liaison_desktop.services.chronology_service import KINDS

    labels = {kind: kind_label(kind) for kind in KINDS}
    assert all(label and "_" not in label for label in labels.values()), labels
    assert all(kind_text(kind) == labels[kind] for kind in KINDS)
    assert labels["activity_attendance"] == "School activity"
    assert labels["sharing"] == "Information shared"


def test_a_draft_amendment_is_marked_as_a_draft(caseload: Caseload, clock: Clock) -> None:
    fid = new_family(caseload)
    note = caseload.notes.write(fid, "Home visit", final=True)
    clock.at += timedelta(hours=1)
    draft = caseload.notes.amend(note.id, "Half-written correction", final=False)
    entry = next(e for e in caseload.chronology.for_family(fid) if e.record_id == draft.id)
    assert entry.summary.startswith("Amendment (draft):")
    caseload.notes.finalise(draft.id)
    entry = next(e for e in caseload.chronology.for_family(fid) if e.record_id == draft.id)
    assert entry.summary.startswith("Amendment:")


def test_a_visit_that_happened_is_dated_when_the_officer_arrived(
    caseload: Caseload, clock: Clock
) -> None:
    fid = new_family(caseload)
    visit = caseload.visits.plan(fid, date(2025, 3, 1), time="10:00", purpose="Check-in")
    clock.at = datetime(2025, 3, 1, 14, 20, tzinfo=UTC)
    caseload.visits.check_in(visit.id, clock.at + timedelta(hours=1))
    clock.at += timedelta(minutes=50)
    caseload.visits.check_out(visit.id)
    (entry,) = [e for e in caseload.chronology.for_family(fid) if e.kind == "visit"]
    assert entry.when == datetime(2025, 3, 1, 14, 20)
    assert "Completed" in entry.summary and "(left " in entry.summary
