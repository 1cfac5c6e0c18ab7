"""Typed work is never thrown away without asking: the family's details when leaving the
page, and form dialogs on Cancel or Escape."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.caseload.new_family_dialog import NewFamilyDialog
from liaison_desktop.ui.family.family_page import FamilyPage

from .ui_helpers import OP_TIMEOUT_MS, caseload_section


def caseload_window(qtbot: QtBot, vault: Vault, data_dir: Path) -> CaseloadView:
    view = caseload_section(qtbot, Caseload(vault), data_dir)
    qtbot.waitUntil(lambda: not view.loading, timeout=OP_TIMEOUT_MS)
    return view


def page_of(view: CaseloadView) -> FamilyPage:
    assert view.family_frame is not None
    page = view.family_frame.page
    assert isinstance(page, FamilyPage)
    return page


def answer(qtbot: QtBot, view: CaseloadView, button: QMessageBox.StandardButton) -> None:
    box = view.leave_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)


def test_leaving_a_family_with_unsaved_details_asks_and_each_answer_does_what_it_says(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    view = caseload_window(qtbot, vault, data_dir)
    view.open_family(fid)
    overview = page_of(view).overview
    assert not overview.undo_button.isEnabled()
    overview.key_facts_edit.setFocus()
    qtbot.keyClicks(overview.key_facts_edit, "Dad works nights")
    assert overview.undo_button.isEnabled()
    assert overview.saved_label.text() == "Changes not saved yet."

    # Escape (back to the list) asks; Cancel stays with the edits.
    qtbot.mouseClick(view.family_frame.back_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    answer(qtbot, view, QMessageBox.StandardButton.Cancel)
    assert view.currentWidget() is view.family_frame
    assert overview.key_facts_edit.toPlainText() == "Dad works nights"

    # Save saves, then leaves.
    qtbot.mouseClick(view.family_frame.back_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    answer(qtbot, view, QMessageBox.StandardButton.Save)
    assert view.currentWidget() is view.list_page
    assert caseload.families.get(fid)["key_facts"] == "Dad works nights"

    # Discard leaves without saving.
    view.open_family(fid)
    overview = page_of(view).overview
    overview.key_facts_edit.setPlainText("Something else")
    view.go_back()
    answer(qtbot, view, QMessageBox.StandardButton.Discard)
    assert view.currentWidget() is view.list_page
    assert caseload.families.get(fid)["key_facts"] == "Dad works nights"


def test_a_refused_save_when_leaving_keeps_the_page_and_shows_why(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    other = caseload.families.create({"name": "Okafor family"}).id
    view = caseload_window(qtbot, vault, data_dir)
    view.open_family(fid)
    overview = page_of(view).overview
    overview.email_edit.setText("not an email")
    view.open_family(other)  # from search or Today: the same question first
    answer(qtbot, view, QMessageBox.StandardButton.Save)
    assert view.open_family_id == fid
    assert overview.form.errors["email"].isVisibleTo(overview)
    overview.undo_button.click()
    assert overview.email_edit.text() == "" and not overview.undo_button.isEnabled()
    view.open_family(other)  # nothing unsaved now: no question
    assert view.open_family_id == other


def test_nothing_changed_means_no_question(qtbot: QtBot, vault: Vault, data_dir: Path) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    view = caseload_window(qtbot, vault, data_dir)
    view.open_family(fid)
    view.go_back()
    assert view.leave_box is None and view.currentWidget() is view.list_page


def test_escape_in_a_form_dialog_with_typing_asks_before_discarding(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    view = caseload_window(qtbot, vault, data_dir)
    qtbot.mouseClick(view.new_family_button, Qt.MouseButton.LeftButton)
    dialog = view.new_family_dialog
    assert isinstance(dialog, NewFamilyDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible() and dialog.discard_box is None

    qtbot.mouseClick(view.new_family_button, Qt.MouseButton.LeftButton)
    dialog = view.new_family_dialog
    assert isinstance(dialog, NewFamilyDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.name_edit, "Wilson family")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    box = dialog.discard_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "has not been saved" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Keep editing is the safe answer
    assert dialog.isVisible() and dialog.name_edit.text() == "Wilson family"
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    box = dialog.discard_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    discard = next(b for b in box.buttons() if b.text() == "&Discard changes")
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert caseload.families.all() == []


def test_leaving_with_a_referral_half_typed_asks_before_it_is_lost(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    view = caseload_window(qtbot, vault, data_dir)
    view.open_family(fid)
    page = page_of(view)
    page.tabs.setCurrentWidget(page.referrals)
    page.referrals.reason_edit.setText("Short of food since the car broke down")
    assert page.unfinished_tabs() == ["Referrals"]
    view.go_back()
    box = view.leave_box
    assert box is not None and "Referrals" in box.text()
    answer(qtbot, view, QMessageBox.StandardButton.Cancel)
    assert view.currentWidget() is view.family_frame
    view.go_back()
    answer(qtbot, view, QMessageBox.StandardButton.Discard)
    assert view.currentWidget() is view.list_page
    assert caseload.referrals.for_family(fid) == []
