"""Activities, invitations and taking attendance at the door (issue 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from tests.services.caseload_helpers import caseload_on, create_lead_vault, new_family


def _cookery(caseload: Caseload) -> tuple[str, list[str]]:
    activity = caseload.activities.add(
        "Cookery class, Tuesdays",
        "cookery_class",
        sessions=["2026-11-03", date(2026, 11, 10)],
        time="09:15",
        venue="School kitchen",
    )
    sessions = [s.id for s in caseload.activities.sessions_of(activity.id)]
    return activity.id, sessions


def test_an_activity_is_created_with_its_sessions_in_date_order(caseload: Caseload) -> None:
    activity_id, sessions = _cookery(caseload)
    rows = caseload.activities.sessions_of(activity_id)
    assert [r["date"] for r in rows] == ["2026-11-03", "2026-11-10"]
    assert {r["time"] for r in rows} == {"09:15"}
    assert caseload.activities.kind_label(caseload.activities.get(activity_id)) == "Cookery class"
    # Adding the same session again changes nothing.
    again = caseload.activities.add_session(activity_id, "2026-11-03", "09:15")
    assert again.id == sessions[0]
    assert len(caseload.activities.sessions_of(activity_id)) == 2


def test_an_activity_of_an_unknown_kind_is_refused_and_nothing_is_written(
    caseload: Caseload,
) -> None:
    with pytest.raises(ValidationFailed, match="not a kind of activity"):
        caseload.activities.add("Yoga", "family_yoga", sessions=["2026-11-03"])
    assert caseload.ctx.store.count("activity") == 0
    assert caseload.ctx.store.count("activity_session") == 0


def test_a_bad_session_date_leaves_no_activity_behind(caseload: Caseload) -> None:
    with pytest.raises(ValidationFailed):
        caseload.activities.add("Open day", "open_day", sessions=["2026-11-03", "2026-13-40"])
    assert caseload.ctx.store.count("activity") == 0
    assert caseload.ctx.store.count("activity_session") == 0


def test_a_lead_adds_an_activity_kind_that_officers_can_then_use(tmp_path: Path) -> None:
    lead = caseload_on(create_lead_vault(tmp_path / "lead"))
    try:
        added = lead.activities.kinds.add("Family yoga")
        assert (added.key, added.label, added.configured) == ("family_yoga", "Family yoga", True)
        assert lead.activities.kinds.add("family  YOGA").key == "family_yoga"  # no duplicate
        assert lead.ctx.store.count("activity_kind") == 1
        assert "family_yoga" in [k.key for k in lead.activities.kinds.kinds()]
        activity = lead.activities.add("Yoga in the hall", "family_yoga")
        assert lead.activities.kind_label(activity) == "Family yoga"
        # Stored as a record (so it syncs through the op log), not as a vault setting.
        assert lead.ctx.store.query("activity_kind")[0]["label"] == "Family yoga"
        assert not any("yoga" in str(v).lower() for v in lead.vault.meta().values())
    finally:
        lead.vault.close()


def test_an_officer_cannot_add_activity_kinds(caseload: Caseload) -> None:
    with pytest.raises(NotPermitted):
        caseload.activities.kinds.add("Family yoga")
    assert caseload.ctx.store.count("activity_kind") == 0


def test_inviting_twice_keeps_one_invitation_per_family(caseload: Caseload) -> None:
    activity_id, _sessions = _cookery(caseload)
    a, b = new_family(caseload, "Adeyemi family"), new_family(caseload, "Nowak family")
    caseload.activities.invite(activity_id, [a, b])
    caseload.activities.invite(activity_id, [a])
    assert len(caseload.activities.invitations_of(activity_id)) == 2


def test_an_invitation_can_name_people_of_that_family_only(caseload: Caseload) -> None:
    activity_id, _sessions = _cookery(caseload)
    a, b = new_family(caseload, "Adeyemi family"), new_family(caseload, "Nowak family")
    mum = caseload.people.create({"family_id": a, "given_name": "Funmi", "role": "carer"}).id
    other = caseload.people.create({"family_id": b, "given_name": "Ola", "role": "carer"}).id
    [inv] = caseload.activities.invite(activity_id, [a], people={a: [mum]})
    assert inv["people"] == [mum]
    with pytest.raises(ValidationFailed, match="not a person in that family"):
        caseload.activities.invite(activity_id, [a, b], people={b: [mum], a: [other]})
    # All or nothing: b was not invited by the refused call.
    assert [r["family_id"] for r in caseload.activities.invitations_of(activity_id)] == [a]


def test_inviting_a_family_not_in_the_vault_invites_nobody(caseload: Caseload) -> None:
    activity_id, _sessions = _cookery(caseload)
    a = new_family(caseload)
    with pytest.raises(ValidationFailed, match="no family"):
        caseload.activities.invite(activity_id, [a, "no-such-family"])
    assert caseload.activities.invitations_of(activity_id) == []


def test_the_register_lists_invited_families_then_walk_ins_with_their_marks(
    caseload: Caseload,
) -> None:
    activity_id, [first, _second] = _cookery(caseload)
    a = new_family(caseload, "Begum family")
    b = new_family(caseload, "Adeyemi family")
    walk = new_family(caseload, "Zielinski family")
    caseload.activities.invite(activity_id, [a, b])
    register = caseload.activities.register(first)
    assert [(r.family_name, r.mark) for r in register.rows] == [
        ("Adeyemi family", None),
        ("Begum family", None),
    ]
    row = caseload.activities.mark(first, a)
    assert (row.family_name, row.mark, row.invited, row.attended) == (
        "Begum family",
        "attended",
        True,
        True,
    )
    caseload.activities.mark(first, b, "did_not_attend")
    walk_row = caseload.activities.add_walk_in(first, walk)
    assert walk_row.walk_in and walk_row.attended
    register = caseload.activities.register(first)
    assert [(r.family_name, r.mark, r.walk_in) for r in register.rows] == [
        ("Adeyemi family", "did_not_attend", False),
        ("Begum family", "attended", False),
        ("Zielinski family", "attended", True),
    ]
    assert (register.invited, register.attended) == (2, 2)


def test_unmarking_clears_the_mark_and_marking_again_restores_it(caseload: Caseload) -> None:
    activity_id, [first, _second] = _cookery(caseload)
    a = new_family(caseload)
    caseload.activities.invite(activity_id, [a])
    caseload.activities.mark(first, a)
    row = caseload.activities.unmark(first, a)
    assert row is not None and row.mark is None
    assert caseload.ctx.store.count("activity_attendance") == 0
    assert caseload.activities.mark(first, a).mark == "attended"
    assert caseload.ctx.store.count("activity_attendance") == 1


def test_a_walk_in_disappears_from_the_register_when_unmarked(caseload: Caseload) -> None:
    _activity_id, [first, _second] = _cookery(caseload)
    walk = new_family(caseload)
    caseload.activities.add_walk_in(first, walk)
    assert caseload.activities.unmark(first, walk) is None
    assert caseload.activities.register(first).rows == ()


def test_marking_the_same_way_twice_writes_one_operation(caseload: Caseload) -> None:
    activity_id, [first, _second] = _cookery(caseload)
    a = new_family(caseload)
    caseload.activities.invite(activity_id, [a])
    caseload.activities.mark(first, a)
    ops = caseload.ctx.store.conn.execute(
        "SELECT count(*) FROM ops WHERE kind = 'activity_attendance'"
    ).fetchone()[0]
    caseload.activities.mark(first, a)
    again = caseload.ctx.store.conn.execute(
        "SELECT count(*) FROM ops WHERE kind = 'activity_attendance'"
    ).fetchone()[0]
    assert ops == again == 1


def test_an_unknown_mark_is_refused(caseload: Caseload) -> None:
    _activity_id, [first, _second] = _cookery(caseload)
    a = new_family(caseload)
    with pytest.raises(ValidationFailed):
        caseload.activities.mark(first, a, "maybe")
    assert caseload.ctx.store.count("activity_attendance") == 0


def test_removing_a_session_removes_its_marks(caseload: Caseload) -> None:
    activity_id, [first, second] = _cookery(caseload)
    a = new_family(caseload)
    caseload.activities.mark(first, a)
    caseload.activities.mark(second, a)
    caseload.activities.remove_session(first)
    assert [s.id for s in caseload.activities.sessions_of(activity_id)] == [second]
    assert caseload.ctx.store.count("activity_attendance") == 1


def test_upcoming_lists_activities_with_a_session_from_today(caseload: Caseload) -> None:
    past = caseload.activities.add("Open day", "open_day", sessions=["2026-10-01"])
    soon = caseload.activities.add("Coffee morning", "coffee_morning", sessions=["2026-11-27"])
    later = caseload.activities.add("PTFA disco", "ptfa_event", sessions=["2026-12-12"])
    assert [a.id for a in caseload.activities.upcoming()] == [soon.id, later.id]
    assert past.id not in [a.id for a in caseload.activities.upcoming()]
