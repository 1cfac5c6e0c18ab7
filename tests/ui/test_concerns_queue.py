"""The lead's Concerns section and the family's Concerns tab: a concern taken to a decision
with the keyboard and mouse, as a lead does it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.concerns.concerns_queue_view import (
    ConcernsQueueView,
    build_concerns_section,
)
from liaison_desktop.ui.family.concerns_tab import ConcernsTab
from liaison_desktop.ui.main_window import MainWindow, sections_for
from liaison_desktop.ui.section_views import SessionServices

from .ui_helpers import activate


def rows(view: ConcernsQueueView) -> list[list[str]]:
    model = view.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def queue(qtbot: QtBot, vault: Vault, data_dir: Path) -> tuple[MainWindow, ConcernsQueueView]:
    window = MainWindow("Dana Lead", "lead")
    qtbot.addWidget(window)
    services = SessionServices.for_window(
        Caseload(vault), SettingsService(data_dir), data_dir, window
    )
    view = build_concerns_section(services)
    assert isinstance(view, ConcernsQueueView)
    window.set_view("concerns", view)
    window.show()
    window.show_section("concerns")
    qtbot.waitUntil(view.isVisible)
    return window, view


def test_only_a_lead_has_the_concerns_section() -> None:
    assert "concerns" in [s.key for s in sections_for("lead")]
    assert "concerns" not in [s.key for s in sections_for("officer")]


def test_the_lead_acknowledges_acts_on_and_closes_a_concern(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(lead_vault)
    ali_1 = caseload.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    ali_2 = caseload.families.create({"name": "Ali family", "postcode": "BD1 2ZZ"}).id
    caseload.concerns.raise_concern(ali_1, "Often late", urgency="routine")
    disclosure = caseload.concerns.raise_concern(ali_2, "Disclosure at lunch", urgency="immediate")
    _window, view = queue(qtbot, lead_vault, data_dir)

    listed = rows(view)
    assert [row[0] for row in listed] == ["Immediate", "Routine"]
    # Same-named families are told apart by postcode.
    assert listed[0][2].startswith("Ali family · BD1 2ZZ")
    assert listed[1][2].startswith("Ali family · LS6 1AA")
    assert view.count_label.text() == "2 concerns waiting for you; 2 listed."
    assert view.table.current() is not None
    assert view.table.current().concern.id == disclosure.id  # type: ignore[union-attr]

    qtbot.mouseClick(view.steps.acknowledge_button, Qt.MouseButton.LeftButton)
    assert caseload.concerns.view(disclosure.id).stage == "acknowledged"
    assert not view.steps.acknowledge_button.isEnabled()
    assert "Now: acknowledged by the safeguarding lead" in view.detail.toPlainText()
    assert view.count_label.text() == "1 concern waiting for you; 2 listed."

    # Record what was done: Save with nothing written is refused in place.
    view.table.select_first(lambda c: c.concern.id == disclosure.id)
    qtbot.mouseClick(view.steps.action_button, Qt.MouseButton.LeftButton)
    dialog = view.steps.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert caseload.concerns.view(disclosure.id).stage == "acknowledged"
    qtbot.keyClicks(dialog.text_edit, "Referred to MASH at 14:10")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert caseload.concerns.view(disclosure.id).stage == "action"
    assert "Action taken — Referred to MASH at 14:10" in view.detail.toPlainText()

    # Close it with the keyboard: Alt+L opens the dialog, the reason is typed, Return saves.
    view.table.select_first(lambda c: c.concern.id == disclosure.id)
    activate(qtbot, view.window())
    view.table.setFocus()
    old = view.steps.dialog
    qtbot.keyClick(view.table, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "animates" the click: the dialog opens a moment later.
    qtbot.waitUntil(lambda: view.steps.dialog is not old)
    dialog = view.steps.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text_edit)
    qtbot.keyClicks(dialog.text_edit, "Accepted by social care")
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    assert caseload.concerns.view(disclosure.id).stage == "closed"
    assert [row[0] for row in rows(view)] == ["Routine"]  # closed ones leave the list
    view.show_closed.click()
    assert [row[1] for row in rows(view)] == [
        "waiting for the safeguarding lead",
        "closed by the safeguarding lead",
    ]


def test_a_lead_steps_on_a_concern_from_the_family_tab_and_an_officer_has_no_steps(
    qtbot: QtBot, lead_vault: Vault, vault: Vault
) -> None:
    lead = Caseload(lead_vault)
    fid = lead.families.create({"name": "Shah family"}).id
    concern = lead.concerns.raise_concern(fid, "No coat", urgency="urgent")
    tab = ConcernsTab(lead.concerns, fid)
    qtbot.addWidget(tab)
    tab.show()
    tab.table.select_source_row(0)
    assert tab.steps is not None
    qtbot.mouseClick(tab.steps.acknowledge_button, Qt.MouseButton.LeftButton)
    assert lead.concerns.view(concern.id).stage == "acknowledged"
    model = tab.model
    assert model.index(0, 2).data() == "acknowledged by the safeguarding lead"

    officer = Caseload(vault)
    officer_family = officer.families.create({"name": "Lee family"}).id
    officer.concerns.raise_concern(officer_family, "Seen")
    officer_tab = ConcernsTab(officer.concerns, officer_family)
    qtbot.addWidget(officer_tab)
    assert officer_tab.steps is None
    assert officer_tab.model.index(0, 2).data() == "waiting for the safeguarding lead"


def test_the_lead_records_an_escalation_with_the_keyboard(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    """Issue 23: Alt+E, where it went (Down to the police), what was passed on, the agency's
    reference and who was told; the concern's detail then says so."""
    from liaison_desktop.ui.concerns.concern_steps import ConcernDecisionDialog

    caseload = Caseload(lead_vault)
    family = caseload.families.create({"name": "Ali family"}).id
    concern = caseload.concerns.raise_concern(family, "Disclosure at school", urgency="urgent")
    window, view = queue(qtbot, lead_vault, data_dir)
    activate(qtbot, window)
    view.table.setFocus()
    qtbot.waitUntil(lambda: view.table.current() is not None)
    qtbot.keyClick(view.table, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(view.steps.dialog, ConcernDecisionDialog))
    dialog = view.steps.dialog
    assert isinstance(dialog, ConcernDecisionDialog)
    qtbot.waitUntil(dialog.isVisible)
    activate(qtbot, dialog)
    qtbot.waitUntil(dialog.choice_combo.hasFocus)
    for _press in range(2):  # Early Help, children's social care → the police
        qtbot.keyClick(dialog.choice_combo, Qt.Key.Key_Down)
    assert dialog.choice_combo.currentData() == "police"
    qtbot.keyClick(dialog.choice_combo, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.text_edit.hasFocus)
    qtbot.keyClicks(dialog.text_edit, "Reported the disclosure on 101")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.reference_edit.hasFocus)
    qtbot.keyClicks(dialog.reference_edit, "CAD-1234")
    qtbot.keyClick(dialog.reference_edit, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.informed_edit, "The class teacher")
    qtbot.keyClick(dialog.informed_edit, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (step,) = caseload.concerns.view(concern.id).escalations
    assert (step["escalated_to"], step["reference"], step["informed"]) == (
        "police", "CAD-1234", "The class teacher"
    )  # fmt: skip
    assert step["informed_at"] is not None
    qtbot.waitUntil(
        lambda: "Reported to the police (reference CAD-1234)" in view.detail.toPlainText()
    )
