"""The officer's week on the family page with the keyboard alone: a no-access visit with what
was done, an action agreed from it and completed, and a case plan set and reviewed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.family.action_dialogs import ActionDialog, CompleteActionDialog
from liaison_desktop.ui.family.plan_tab import GoalDialog, ReviewDialog
from liaison_desktop.ui.family.visit_outcome_dialog import VisitOutcomeDialog

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import activate

ALT = Qt.KeyboardModifier.AltModifier


def _focused_dialog(qtbot: QtBot, kind: type[QWidget]) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), kind))
    window = QApplication.activeWindow()
    assert isinstance(window, kind)
    return window


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = ALT) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def test_no_access_action_and_plan_with_the_keyboard_alone(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    today = datetime.now(UTC).date()
    visit = caseload.visits.plan(family_id, today, purpose="Attendance check")
    page = make_page(family_id)
    window = page.window()
    activate(qtbot, window)

    # Alt+3: Visits and notes; the visit is the first row; Alt+T asks for its outcome.
    page.tabs.tabBar().setFocus()
    _key(qtbot, Qt.Key.Key_3)
    notes = page.notes
    notes.table.setFocus()
    qtbot.waitUntil(notes.table.hasFocus)
    _key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert notes.table.current() is not None and notes.table.current().record.id == visit.id
    _key(qtbot, Qt.Key.Key_T)
    dialog = _focused_dialog(qtbot, VisitOutcomeDialog)
    assert isinstance(dialog, VisitOutcomeDialog)
    assert not dialog.steps_box.isEnabled()
    _key(qtbot, Qt.Key.Key_N)  # No access (a mnemonic click is animated: waited for)
    qtbot.waitUntil(lambda: dialog.chosen() == "no_access")
    assert dialog.steps_box.isEnabled()
    # Return with nothing said about what was done: refused, beside "What happened".
    _key(qtbot, Qt.Key.Key_W)
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert dialog.isVisible() and dialog.form.errors["outcome_note"].isVisible()
    dialog.step_checks["card_left"].setFocus()
    _key(qtbot, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    _key(qtbot, Qt.Key.Key_W)
    qtbot.keyClicks(QApplication.focusWidget(), "Curtains drawn")
    _key(qtbot, Qt.Key.Key_L)  # miles
    qtbot.keyClicks(QApplication.focusWidget(), "6")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    recorded = caseload.visits.get(visit.id)
    assert recorded["status"] == "no_access"
    assert recorded["no_access_steps"] == ["card_left"]
    assert (recorded["outcome_note"], recorded["miles"]) == ("Curtains drawn", 6)
    assert "Card left" in notes.preview.toPlainText()

    # An action from the visit: the button is reached with Tab and pressed with Space.
    activate(qtbot, window)
    assert notes.select_record(visit.id)
    button = notes.button(notes.agree_action)
    button.setFocus()
    _key(qtbot, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    agree = _focused_dialog(qtbot, ActionDialog)
    assert isinstance(agree, ActionDialog)
    qtbot.keyClicks(QApplication.focusWidget(), "Phone the family tomorrow")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: not agree.isVisible())
    (action,) = caseload.actions.from_source(visit.id)
    assert action["owner"] == "Test Officer" and action["source_kind"] == "visit"
    assert action["due"] == (today + timedelta(days=7)).isoformat()

    # Alt+5: Actions; Alt+D marks the selected action done with what came of it.
    activate(qtbot, window)
    page.tabs.tabBar().setFocus()
    _key(qtbot, Qt.Key.Key_5)
    actions = page.actions_tab
    assert page.tabs.currentWidget() is actions
    actions.table.setFocus()
    _key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    _key(qtbot, Qt.Key.Key_D)
    done = _focused_dialog(qtbot, CompleteActionDialog)
    qtbot.keyClicks(QApplication.focusWidget(), "Mum answered, visit rebooked")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: not done.isVisible())
    completed = caseload.actions.get(action.id)
    assert completed["done"] and completed["outcome"] == "Mum answered, visit rebooked"
    assert actions.model.index(0, 3).data().startswith("Done")

    # Alt+6: Plan; Alt+N adds a goal, Alt+P reviews the plan.
    activate(qtbot, window)
    page.tabs.tabBar().setFocus()
    _key(qtbot, Qt.Key.Key_6)
    plan = page.plan
    assert page.tabs.currentWidget() is plan
    assert not plan.review_button.isEnabled()
    plan.new_button.setFocus()
    _key(qtbot, Qt.Key.Key_N)
    goal_dialog = _focused_dialog(qtbot, GoalDialog)
    qtbot.keyClicks(QApplication.focusWidget(), "Attendance above 90%")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: not goal_dialog.isVisible())
    (goal,) = caseload.plan.goals(family_id)
    assert goal.record["status"] == "open" and goal.record["review_by"]
    activate(qtbot, window)
    plan.table.setFocus()
    _key(qtbot, Qt.Key.Key_P)
    review = _focused_dialog(qtbot, ReviewDialog)
    assert isinstance(review, ReviewDialog)
    progress = review.rows[0][1]
    progress.setFocus()
    _key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)  # some progress
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: not review.isVisible())
    (goal,) = caseload.plan.goals(family_id)
    assert goal.latest_progress == "some_progress"
    assert plan.model.index(0, 6).data() == "Some progress"


def test_a_phone_call_note_records_its_minutes(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    activate(qtbot, page.window())
    notes = page.notes
    editor = notes.open_editor()
    activate(qtbot, editor)
    assert editor.minutes() is None  # "not recorded" until said
    editor.text_edit.setFocus()
    qtbot.keyClicks(editor.text_edit, "Phoned mum about the uniform grant")
    _key(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(editor.minutes_spin.hasFocus)
    _key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "20")
    assert editor.minutes() == 20
    assert editor.save_now()
    assert editor.note is not None
    assert caseload.notes.get(editor.note.id)["minutes"] == 20


def test_pupil_facts_set_in_the_person_dialog_and_filtered_in_the_caseload(
    qtbot: QtBot, caseload: Caseload, family_id: str, data_dir: Path
) -> None:
    from liaison_desktop.ui.family.people_tab import PersonDialog

    from .ui_helpers import caseload_section

    caseload.families.create({"name": "Brennan family"})
    pupil = next(p for p in caseload.people.members(family_id) if p["role"] == "pupil")
    dialog = PersonDialog(caseload.people, family_id, pupil)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    _key(qtbot, Qt.Key.Key_H, ALT)  # Free school meals
    qtbot.waitUntil(dialog.facts.fsm_check.isChecked)
    _key(qtbot, Qt.Key.Key_V, ALT)  # SEND provision
    qtbot.waitUntil(dialog.facts.send_combo.hasFocus)
    _key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert dialog.facts.send_combo.currentData() == "sen_support"
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = caseload.people.get(pupil.id)
    assert (saved["fsm"], saved["send"], saved["eal"]) == (True, "sen_support", False)

    view = caseload_section(qtbot, caseload, data_dir)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    view.filter_edit.setFocus()
    _key(qtbot, Qt.Key.Key_U, ALT)  # Pupils: the facts filter
    qtbot.waitUntil(view.fact_combo.hasFocus)
    while view.fact_combo.currentData() != "send":
        _key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1)
    assert "1 of 2 families match" in view.count_label.text()


def test_the_overview_warns_of_a_child_protection_plan(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    pupil = next(p for p in caseload.people.members(family_id) if p["role"] == "pupil")
    caseload.people.update(pupil.id, {"care_status": "cp"})
    page = make_page(family_id)
    assert page.overview.absence_label.isVisible()
    assert "Zofia Nowak: Child protection plan" in page.overview.absence_label.text()
