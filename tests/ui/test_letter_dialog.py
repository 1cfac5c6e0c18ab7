"""Letters through the family page with the keyboard: Ctrl+Shift+L, a referral form to a food
bank filled from the record, the words changed, saved as PDF through the save dialog and
recorded as sent; a lead changes a template's words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.family.letter_dialog import LetterDialog, TemplatesDialog
from tests.reports.report_helpers import poppler_pages

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import activate

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def test_a_referral_form_written_with_the_keyboard_is_saved_and_recorded(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory, tmp_path: Path
) -> None:
    caseload.directory.create(
        {"organisation": "Demoford Food Bank", "name": "Sam Reed", "kind": "food_bank", "layer": 3}
    )
    page = make_page(family_id)
    activate(qtbot, page.window())
    page.tabs.tabBar().setFocus()
    _key(
        qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), LetterDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, LetterDialog)
    assert not dialog.edit_templates_button.isVisible()  # an officer's vault
    # Alt+T: the template; Down to the referral form; Alt+O: the organisation.
    _key(qtbot, Qt.Key.Key_T, ALT)
    qtbot.waitUntil(lambda: dialog.template_combo.hasFocus())
    while dialog.template_combo.currentData() != "referral_form":
        _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(lambda: dialog.organisation_combo.hasFocus())
    _key(qtbot, Qt.Key.Key_Down)
    assert dialog.recipient_edit.text() == "Sam Reed"
    assert "To: Demoford Food Bank" in dialog.body_edit.toPlainText()
    # Alt+W: the words, changed before saving.
    _key(qtbot, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: dialog.body_edit.hasFocus())
    _key(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.body_edit, " Needs a halal parcel.")
    _key(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: isinstance(dialog.save_dialog, QFileDialog))
    chooser = dialog.save_dialog
    assert isinstance(chooser, QFileDialog)
    qtbot.waitUntil(chooser.isVisible)
    target = tmp_path / "referral.pdf"
    name_edit = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name_edit is not None
    name_edit.setText(str(target))
    qtbot.keyClick(name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(target.exists)
    qtbot.waitUntil(lambda: "recorded as sent to Sam Reed" in dialog.status_label.text())
    text = " ".join(" ".join(p.split()) for p in poppler_pages(target))
    assert "Demoford Food Bank" in text and "Needs a halal parcel." in text
    assert "Nowak-Jones household" in text
    (entry,) = caseload.sharing.for_family(family_id)
    assert (entry["what"], entry["recipient"]) == ("letter", "Sam Reed")


def test_a_lead_changes_a_templates_words(qtbot: QtBot, lead_vault: Vault) -> None:
    caseload = Caseload(lead_vault)
    family = caseload.families.create({"name": "Okafor family"}).id
    caseload.people.create(
        {"family_id": family, "given_name": "Ada", "family_name": "Okafor", "role": "carer"}
    )
    dialog = LetterDialog(caseload, family)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    assert dialog.edit_templates_button.isVisible()
    dialog.edit_templates_button.setFocus()
    _key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), TemplatesDialog))
    templates = QApplication.activeWindow()
    assert isinstance(templates, TemplatesDialog)
    assert templates.current() is not None and templates.current().key == "appointment"
    templates.body_edit.setPlainText("Hello {carer}, we will come on {visit_day}.")
    templates.save_button.setFocus()
    _key(qtbot, Qt.Key.Key_Space)
    assert caseload.letters.template("appointment").edited
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not templates.isVisible())
    qtbot.waitUntil(lambda: dialog.body_edit.toPlainText().startswith("Hello Ada Okafor"))
    assert "{visit day}" not in dialog.body_edit.toPlainText()
    assert "[visit day]" in dialog.body_edit.toPlainText()
