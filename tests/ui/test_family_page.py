"""The family page through real widgets on a real vault: overview, people, visits, concerns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.family.concern_dialog import ConcernDialog
from liaison_desktop.ui.family.notes_tab import CheckInDialog, VisitDialog
from liaison_desktop.ui.family.people_tab import PersonDialog
from liaison_desktop.ui.family.visit_outcome_dialog import VisitOutcomeDialog

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)

CLICK = Qt.MouseButton.LeftButton


def test_opening_the_page_is_audited_and_shows_strengths_first(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    before = [e for e in caseload.audit.for_family(family_id) if e.action == "view"]
    page = make_page(family_id)
    after = [e for e in caseload.audit.for_family(family_id) if e.action == "view"]
    assert len(after) == len(before) + 1
    assert page.title.text() == "Nowak-Jones household"
    assert "Grandmother walks" in page.overview.strengths_label.text()
    assert "Zofia Nowak" in page.overview.household_label.text()
    assert page.tabs.currentWidget() is page.overview


def test_ctrl_tab_moves_to_the_next_tab(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    page.window().activateWindow()
    page.overview.name_edit.setFocus()
    qtbot.waitUntil(page.overview.name_edit.hasFocus)
    qtbot.keyClick(page.overview.name_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentWidget() is page.people


def test_a_bad_postcode_is_named_beside_its_field_and_nothing_is_saved(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    overview = page.overview
    overview.postcode_edit.setText("not a postcode")
    overview.name_edit.setText("Renamed household")
    qtbot.mouseClick(overview.save_button, CLICK)
    error = overview.form.errors["postcode"]
    assert error.isVisible() and error.text()
    assert caseload.families.get(family_id)["name"] == "Nowak-Jones household"
    overview.postcode_edit.setText("cf10 1aa")
    qtbot.mouseClick(overview.save_button, CLICK)
    assert not error.isVisible()
    assert caseload.families.get(family_id)["name"] == "Renamed household"
    assert page.title.text() == "Renamed household"


def test_adding_a_person_through_the_dialog_lists_them(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    page.tabs.setCurrentWidget(page.people)
    qtbot.mouseClick(page.people.add_button, CLICK)
    dialog = page.people.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.given_edit.setText("Siân")
    dialog.family_name_edit.setText("Llŷr")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("carer"))
    dialog.languages_edit.setText("Welsh, English")
    dialog.interpreter_check.setChecked(True)
    dialog.phone_edit.setText("07700 900123")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), CLICK)
    names = [p.get("given_name") for p in page.people.model.rows()]
    assert "Siân" in names
    stored = next(p for p in caseload.people.members(family_id) if p["given_name"] == "Siân")
    assert stored["languages"] == ["Welsh", "English"]
    assert stored["interpreter_needed"] is True
    assert stored["phone"] == "+447700900123"


def test_plan_a_visit_then_check_in_and_out(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    notes = page.notes
    page.tabs.setCurrentWidget(notes)
    qtbot.mouseClick(notes.button(notes.plan_action), CLICK)
    dialog = notes.dialog
    assert isinstance(dialog, VisitDialog)
    # A day to come (a past day is refused: a visit that happened is written as a note).
    day = QDate.currentDate().addDays(3)
    dialog.date_edit.setDate(day)
    dialog.time_edit.setTime(QTime(9, 30))
    dialog.purpose_edit.setText("Talk about the school trip")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), CLICK)
    visits = caseload.visits.for_family(family_id)
    assert [(v["date"], v["time"], v["purpose"]) for v in visits] == [
        (day.toString("yyyy-MM-dd"), "09:30", "Talk about the school trip")
    ]
    assert notes.table.current() is not None and notes.table.current().record.id == visits[0].id
    assert not notes.button(notes.check_out_action).isEnabled()

    qtbot.mouseClick(notes.button(notes.check_in_action), CLICK)
    check_in = notes.dialog
    assert isinstance(check_in, CheckInDialog)
    check_in.end_edit.setDateTime(QDateTime.currentDateTime().addSecs(2 * 3600))
    qtbot.mouseClick(check_in.check_in_button, CLICK)
    visit = caseload.visits.get(visits[0].id)
    assert visit.get("checked_in_at") and visit.get("expected_end")
    assert not notes.overdue_label.isVisible()
    assert "Checked in" in notes.model.data(notes.model.index(0, 3))

    # Checking out asks how the visit went, "Completed" chosen to begin with.
    qtbot.mouseClick(notes.button(notes.check_out_action), CLICK)
    outcome = notes.dialog
    assert isinstance(outcome, VisitOutcomeDialog) and outcome.chosen() == "completed"
    qtbot.mouseClick(outcome.buttons.button(QDialogButtonBox.StandardButton.Save), CLICK)
    visit = caseload.visits.get(visits[0].id)
    assert visit.get("checked_out_at") and visit["status"] == "completed"


def test_an_overdue_lone_working_visit_shows_an_alert(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    visit = caseload.visits.plan(family_id, datetime.now(UTC).date(), purpose="Home visit")
    caseload.visits.check_in(visit.id, datetime.now(UTC) - timedelta(minutes=5))
    page = make_page(family_id)
    page.tabs.setCurrentWidget(page.notes)
    assert page.notes.overdue_label.isVisible()
    assert "overdue" in page.notes.overdue_label.text()


def test_raise_a_concern_from_a_note_in_two_clicks(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    note = caseload.notes.write(family_id, "Zofia said she was scared to go home.", final=True)
    page = make_page(family_id)
    notes = page.notes
    page.tabs.setCurrentWidget(notes)
    assert notes.select_record(note.id)
    qtbot.mouseClick(notes.button(notes.concern_action), CLICK)  # click 1
    dialog = notes.dialog
    assert isinstance(dialog, ConcernDialog)
    assert "scared to go home" in dialog.observed_edit.toPlainText()
    assert "From the note" in dialog.origin_label.text()
    qtbot.mouseClick(dialog.raise_button, CLICK)  # click 2
    concerns = caseload.concerns.for_family(family_id)
    assert len(concerns) == 1
    assert concerns[0]["source"] == "note" and concerns[0]["source_id"] == note.id
    assert [c.concern.id for c in page.concerns.model.rows()] == [concerns[0].id]


def test_concern_from_a_visit_needs_what_was_seen(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    visit = caseload.visits.plan(family_id, datetime.now(UTC).date(), purpose="Home visit")
    page = make_page(family_id)
    notes = page.notes
    assert notes.select_record(visit.id)
    notes.concern_action.trigger()  # the context-menu action
    dialog = notes.dialog
    assert isinstance(dialog, ConcernDialog)
    qtbot.mouseClick(dialog.raise_button, CLICK)
    assert dialog.form.errors["observed"].isVisible()
    assert caseload.concerns.for_family(family_id) == []
    dialog.observed_edit.setPlainText("A bruise on the left arm, explained as a fall.")
    dialog.urgency_combo.setCurrentIndex(dialog.urgency_combo.findData("urgent"))
    dialog.told_edit.setText("Class teacher")
    qtbot.mouseClick(dialog.raise_button, CLICK)
    (concern,) = caseload.concerns.for_family(family_id)
    assert concern["urgency"] == "urgent" and concern["source_id"] == visit.id
    page.concerns.table.select_source_row(0)
    page.concerns.add_edit.setText("School nurse has seen it.")
    qtbot.mouseClick(page.concerns.add_button, CLICK)
    assert "School nurse has seen it." in page.concerns.detail.toPlainText()
    assert concern["observed"] in page.concerns.detail.toPlainText()


def test_chronology_filters_by_kind_and_dates(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    caseload.visits.plan(family_id, datetime(2025, 1, 10).date(), purpose="January visit")
    caseload.visits.plan(family_id, datetime(2025, 6, 10).date(), purpose="June visit")
    caseload.notes.write(family_id, "A phone call about uniform.", final=True)
    page = make_page(family_id)
    chron = page.chronology
    page.tabs.setCurrentWidget(chron)
    kinds = {e.kind for e in chron.model.rows()}
    assert {"visit", "note"} <= kinds
    chron.kind_combo.setCurrentIndex(chron.kind_combo.findData("visit"))
    assert {e.kind for e in chron.model.rows()} == {"visit"}
    assert len(chron.model.rows()) == 2
    chron.from_check.setChecked(True)
    chron.from_edit.setDate(QDate(2025, 3, 1))
    chron.to_check.setChecked(True)
    chron.to_edit.setDate(QDate(2025, 12, 31))
    assert [e.summary for e in chron.model.rows()] == [
        e.summary for e in chron.model.rows() if "June" in e.summary
    ]
    assert len(chron.model.rows()) == 1


def test_team_link_and_unlink_a_directory_contact(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    contact = caseload.directory.create(
        {
            "organisation": "Riverside Early Help",
            "name": "Amara Okafor",
            "kind": "early_help",
            "layer": 2,
        }
    )
    page = make_page(family_id)
    team = page.team
    team.contact_combo.setCurrentIndex(team.contact_combo.findData(contact.id))
    team.role_edit.setText("Lead professional")
    qtbot.mouseClick(team.link_button, CLICK)
    assert [(m.contact.id, m.role) for m in team.model.rows()] == [
        (contact.id, "Lead professional")
    ]
    team.table.select_source_row(0)
    qtbot.mouseClick(team.unlink_button, CLICK)
    assert team.model.rows() == []
    assert caseload.directory.team(family_id) == []


def test_consents_add_and_withdraw_show_their_state(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    tab = page.consents
    page.tabs.setCurrentWidget(tab)
    tab.scope_edit.setText("Share with the school nurse")
    tab.given_by_edit.setText("Mother")
    qtbot.mouseClick(tab.add_button, CLICK)
    assert [s.state.value for s in tab.model.rows()] == ["active"]
    tab.table.select_source_row(0)
    qtbot.mouseClick(tab.withdraw_button, CLICK)
    assert [s.state.value for s in tab.model.rows()] == ["withdrawn"]
    tab.scope_edit.clear()
    qtbot.mouseClick(tab.add_button, CLICK)
    assert tab.form.errors["scope"].isVisible()


def test_attendance_chart_flags_persistent_absence(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    pupil = caseload.people.pupils(family_id)[0]
    caseload.attendance.record(pupil.id, "2025 autumn", 100, 85)
    caseload.attendance.record(pupil.id, "2025 spring", 100, 95)
    page = make_page(family_id)
    page.tabs.setCurrentWidget(page.attendance)
    bars = page.attendance.chart.bars
    assert [(b.percentage, b.flagged) for b in bars] == [(85.0, True), (95.0, False)]
    assert "2025 autumn" in page.attendance.flags_label.text()
    assert "below 90%" in page.overview.absence_label.text()
    image = page.attendance.chart.grab()
    assert not image.isNull()


def test_a_visit_without_a_purpose_says_so_not_none(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    caseload.visits.plan(family_id, datetime.now(UTC).date())
    page = make_page(family_id)
    texts = [page.notes.model.index(r, 2).data() for r in range(page.notes.model.rowCount())]
    assert "(no purpose given)" in texts and "None" not in texts


def test_an_immediate_concern_tells_the_officer_to_phone_the_lead_now(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    visit = caseload.visits.plan(family_id, datetime.now(UTC).date(), purpose="Home visit")
    page = make_page(family_id)
    assert page.notes.select_record(visit.id)
    page.notes.concern_action.trigger()
    dialog = page.notes.dialog
    assert isinstance(dialog, ConcernDialog)
    assert not dialog.phone_now_label.isVisible()
    dialog.urgency_combo.setCurrentIndex(dialog.urgency_combo.findData("immediate"))
    assert dialog.phone_now_label.isVisible()
    assert "phone your safeguarding lead now" in dialog.phone_now_label.text()
    dialog.urgency_combo.setCurrentIndex(dialog.urgency_combo.findData("routine"))
    assert not dialog.phone_now_label.isVisible()


def test_a_planned_visit_is_rescheduled_and_cancelled_and_a_past_date_is_refused(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    from datetime import timedelta

    from PySide6.QtCore import QDate

    today = datetime.now(UTC).date()
    visit = caseload.visits.plan(family_id, today + timedelta(days=2), purpose="Uniform fitting")
    page = make_page(family_id)
    notes = page.notes
    assert notes.select_record(visit.id)
    assert notes.reschedule_action.isEnabled() and notes.cancel_visit_action.isEnabled()

    notes.reschedule_action.trigger()
    dialog = notes.dialog
    assert isinstance(dialog, VisitDialog) and dialog.purpose_edit.text() == "Uniform fitting"
    dialog.date_edit.setDate(QDate.currentDate().addDays(-1))  # a past day: said, not saved
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and "in the past" in dialog.form.errors["date"].text()
    dialog.date_edit.setDate(QDate.currentDate().addDays(5))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert caseload.visits.get(visit.id)["date"] == (today + timedelta(days=5)).isoformat()

    assert notes.select_record(visit.id)
    notes.cancel_visit_action.trigger()
    outcome = notes.dialog
    assert isinstance(outcome, VisitOutcomeDialog) and outcome.chosen() == "by_family"
    qtbot.mouseClick(outcome.outcome_buttons["by_school"], CLICK)
    outcome.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    cancelled = caseload.visits.get(visit.id)
    assert (cancelled["status"], cancelled["cancelled_by"]) == ("cancelled", "by_school")
    assert notes.select_record(visit.id)
    assert not notes.reschedule_action.isEnabled()  # only a planned visit moves


def test_a_started_visit_cannot_be_rescheduled_or_cancelled(
    caseload: Caseload, family_id: str
) -> None:
    from datetime import timedelta

    from liaison_desktop.errors import NotPermitted

    today = datetime.now(UTC).date()
    visit = caseload.visits.plan(family_id, today)
    caseload.visits.check_in(visit.id, datetime.now(UTC) + timedelta(hours=1))
    with pytest.raises(NotPermitted):
        caseload.visits.reschedule(visit.id, today + timedelta(days=1))
    with pytest.raises(NotPermitted):
        caseload.visits.cancel(visit.id)


def test_a_concern_is_raised_from_the_concerns_tab_with_when_it_happened(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    tab = page.concerns
    page.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.raise_button, CLICK)
    dialog = tab.dialog
    assert isinstance(dialog, ConcernDialog)
    dialog.observed_edit.setPlainText("Told me at the gate that there is no food at home.")
    dialog.happened_edit.setDateTime(QDateTime.currentDateTime().addDays(1))  # not yet: refused
    qtbot.mouseClick(dialog.raise_button, CLICK)
    assert "in the future" in dialog.form.errors["happened_at"].text()
    assert caseload.concerns.for_family(family_id) == []
    seen = QDateTime.currentDateTime().addSecs(-3600)
    dialog.happened_edit.setDateTime(seen)
    qtbot.mouseClick(dialog.raise_button, CLICK)
    (concern,) = caseload.concerns.for_family(family_id)
    assert concern["source"] == "other" and concern["source_id"] is None
    happened = datetime.fromisoformat(str(concern["happened_at"]))
    assert abs(happened.timestamp() - seen.toSecsSinceEpoch()) < 60  # the time is kept
    assert [c.concern.id for c in tab.model.rows()] == [concern.id]
