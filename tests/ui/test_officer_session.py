"""One officer's working session through the real windows (issue 5, acceptance 1).

Unlock, create a family, plan a visit, write and finalise a note, refer to a food bank, then
lock — every step through the widgets an officer uses. (The Ctrl+K popup is driven in
test_search_popup.py; here the index is checked to hold the new family.)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.caseload.new_family_dialog import NewFamilyDialog
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.session_controller import SessionController

from .ui_helpers import OP_TIMEOUT_MS, PASSPHRASE, unlocked_session

CLICK = Qt.MouseButton.LeftButton


def _save(dialog: NewFamilyDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_an_officer_creates_a_family_and_records_the_work(
    qtbot: QtBot, vaults: VaultService, controller: SessionController, data_dir: Path
) -> None:
    vault, _recovery = vaults.create(PASSPHRASE, owner_name="Siân Ó Briain", role="officer")
    Caseload(vault).directory.create(
        {"organisation": "Trelái Food Bank", "kind": "food_bank", "layer": 3}
    )
    vault.close()
    window = unlocked_session(qtbot, controller)
    window.show_section("caseload")
    view = window.view("caseload")
    assert isinstance(view, CaseloadView)

    # Create a family: a refused postcode is shown beside its field and nothing is saved.
    qtbot.mouseClick(view.new_family_button, CLICK)
    dialog = view.new_family_dialog
    assert isinstance(dialog, NewFamilyDialog) and dialog.isVisible()
    dialog.name_edit.setText("Wiśniewska-Nguyễn family")
    dialog.strengths_edit.setPlainText("Grandmother collects the children every day.")
    dialog.postcode_edit.setText("NOT A POSTCODE")
    _save(dialog)
    assert dialog.isVisible() and dialog.form.errors["postcode"].isVisible()
    assert controller.vault is not None
    caseload = Caseload(controller.vault)  # type: ignore[arg-type]  # the real vault
    assert caseload.families.all() == []
    dialog.postcode_edit.setText("cf5 1aa")
    _save(dialog)
    qtbot.waitUntil(lambda: view.family_frame is not None, timeout=OP_TIMEOUT_MS)
    (family,) = caseload.families.all()
    assert family["postcode"] == "CF5 1AA" and "Grandmother" in family["strengths"]
    page = view.family_frame.findChild(FamilyPage) if view.family_frame else None
    assert isinstance(page, FamilyPage)

    # Plan a visit.
    notes = page.notes
    page.tabs.setCurrentWidget(notes)
    qtbot.mouseClick(notes.button(notes.plan_action), CLICK)
    visit_dialog = notes.dialog
    assert visit_dialog is not None
    # A day to come: a past day is refused (a visit that happened is written as a note).
    visit_dialog.date_edit.setDate(QDate.currentDate().addDays(1))  # type: ignore[attr-defined]
    visit_dialog.time_edit.setTime(QTime(10, 0))  # type: ignore[attr-defined]
    visit_dialog.purpose_edit.setText("Welcome visit")  # type: ignore[attr-defined]
    visit_dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # type: ignore[attr-defined]
    assert [v["purpose"] for v in caseload.visits.for_family(family.id)] == ["Welcome visit"]

    # Write and finalise a note (with the confirmation).
    qtbot.mouseClick(notes.button(notes.new_note_action), CLICK)
    editor = notes.editor
    assert editor is not None
    editor.text_edit.setPlainText("Met Nguyễn Thị Lan; the children are settling in well.")
    qtbot.mouseClick(editor.finalise_button, CLICK)
    assert editor.confirm_yes is not None
    qtbot.mouseClick(editor.confirm_yes, CLICK)
    (note,) = caseload.notes.for_family(family.id)
    assert note["status"] == "final" and note["text"].startswith("Met Nguyễn")

    # Refer to a food bank.
    referrals = page.referrals
    page.tabs.setCurrentWidget(referrals)
    referrals.org_combo.setCurrentIndex(referrals.org_combo.findText("Trelái Food Bank"))
    referrals.kind_combo.setCurrentIndex(referrals.kind_combo.findData("food_bank"))
    referrals.vouchers_spin.setValue(1)
    qtbot.mouseClick(referrals.refer_button, CLICK)
    (referral,) = caseload.referrals.for_family(family.id)
    assert referral["kind"] == "food_bank" and referral["vouchers"] == 1

    # The new family is searchable at once; then lock.
    assert any(r.family_id == family.id for r in caseload.search.search("wisniew"))
    controller.lock()
    assert controller.vault is None and controller.main_window is None
    assert controller.unlock_view is not None
