"""The diary: a week's visits and due items, clashes, the iCalendar export (read back with an
independent parser), and reminders that name no family."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import icalendar
import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.diary_service import REMINDER_KINDS
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import TODAY, caseload_on, new_family


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return caseload_on(vault)


def _at(c: Caseload, hour: int, minute: int = 0) -> None:
    local = datetime.combine(TODAY, time(hour, minute)).astimezone()
    c.ctx.now = lambda: local.astimezone(UTC)


def test_a_week_holds_visits_and_due_items_and_marks_clashes(caseload: Caseload) -> None:
    fid = new_family(caseload, "Okafor, family; of ours")
    other = new_family(caseload, "Other family")
    first = caseload.visits.plan(fid, TODAY, purpose="Attendance", time="10:00")
    clash = caseload.visits.plan(other, TODAY, purpose="Uniform", time="10:30")
    later = caseload.visits.plan(other, TODAY + timedelta(days=1), time="11:00")
    gone = caseload.visits.plan(other, TODAY + timedelta(days=2), time="11:00")
    caseload.visits.cancel(gone.id, by="by_family")
    caseload.actions.add(fid, "Phone the GP", due=TODAY + timedelta(days=3))
    caseload.actions.add(fid, "Not mine", owner="Someone Else", due=TODAY)
    caseload.plan.add_goal(fid, "Attendance above 90%", review_by=TODAY + timedelta(days=4))
    caseload.consents.give(fid, "Share with the GP", "Mum", expires=TODAY + timedelta(days=5))
    items = caseload.diary.items(TODAY, TODAY + timedelta(days=6))
    assert [(i.kind, i.record_id if i.kind == "visit" else i.what, i.clash) for i in items] == [
        ("visit", first.id, True),
        ("visit", clash.id, True),
        ("visit", later.id, False),
        ("action", "Action due: Phone the GP", False),
        ("review", "Plan review: Attendance above 90%", False),
        ("consent", "Consent expires: Share with the GP", False),
    ]
    assert items[0].family == "Okafor, family; of ours"
    assert [r.id for r in caseload.diary.clashes(TODAY, "10:45")] == [first.id, clash.id]
    assert caseload.diary.clashes(TODAY, "10:45", exclude=clash.id)[0].id == first.id
    assert caseload.diary.clashes(TODAY, "11:30") == []


def test_the_calendar_names_no_family_unless_asked(caseload: Caseload) -> None:
    fid = new_family(caseload, "Okafor, family; of ours")
    visit = caseload.visits.plan(fid, TODAY + timedelta(days=1), purpose="Secret", time="09:15")
    caseload.visits.plan(fid, TODAY + timedelta(days=2))  # no time: a whole-day event
    plain = caseload.diary.ics(TODAY, TODAY + timedelta(days=6))
    assert "Okafor" not in plain and "Secret" not in plain
    assert all(len(line.encode()) <= 75 for line in plain.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(plain)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Home visit", "Home visit"]
    assert events[0]["UID"] == f"{visit.id}@liaison-desktop"
    assert events[0].decoded("DTSTART") == datetime.combine(TODAY + timedelta(days=1), time(9, 15))
    assert events[0].decoded("DTEND") - events[0].decoded("DTSTART") == timedelta(hours=1)
    assert events[1].decoded("DTSTART") == TODAY + timedelta(days=2)
    empty = icalendar.Calendar.from_ical(caseload.diary.ics(TODAY, TODAY))  # no visit today
    assert list(empty.walk("VEVENT")) == []
    with_names = caseload.diary.ics(TODAY, TODAY + timedelta(days=1), with_names=True)
    (event,) = icalendar.Calendar.from_ical(with_names).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Home visit: Okafor, family; of ours"
    exports = [e.detail for e in caseload.audit.all() if e.action == "diary-export"]
    assert exports == ["no names", "no names", "with names"]


def test_reminders_come_when_due_name_no_family_and_can_be_switched_off(
    caseload: Caseload,
) -> None:
    fid = new_family(caseload, "Okafor family")
    visit = caseload.visits.plan(fid, TODAY, time="10:00")
    caseload.actions.add(fid, "Phone the GP", due=TODAY)
    caseload.consents.give(fid, "Share with the GP", "Mum", expires=TODAY + timedelta(days=3))
    _at(caseload, 9, 0)  # an hour before: not yet
    assert {r.kind for r in caseload.diary.due_reminders()} == {"action_due", "consent_expiring"}
    _at(caseload, 9, 40)
    due = caseload.diary.due_reminders()
    assert {r.kind for r in due} == {"visit_soon", "action_due", "consent_expiring"}
    assert all("Okafor" not in r.title + r.text for r in due)
    caseload.visits.check_in(visit.id, caseload.ctx.now() - timedelta(minutes=1))
    assert "checkout_overdue" in {r.kind for r in caseload.diary.due_reminders()}
    caseload.diary.set_reminders(["checkout_overdue"], 15)
    assert caseload.diary.reminder_kinds() == ("checkout_overdue",)
    assert caseload.diary.reminder_minutes() == 15
    assert {r.kind for r in caseload.diary.due_reminders()} == {"checkout_overdue"}
    caseload.diary.set_reminders(REMINDER_KINDS, 30)
    assert caseload.diary.reminder_kinds() == REMINDER_KINDS
