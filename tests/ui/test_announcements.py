"""What changes on screen is also said: counts, errors (tied to their fields), the family
opened, the passphrase refused. Checked through the app's announcement channel (what it
hands Qt's accessibility bridge); the bridge itself is Qt's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.announce import heard
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.family.family_summary_view import FamilySummaryView
from liaison_desktop.ui.family.people_tab import PersonDialog
from liaison_desktop.ui.session_controller import SessionController

from .ui_helpers import OP_TIMEOUT_MS, unlock_with


def test_the_filter_count_and_the_family_opened_are_announced(qtbot: QtBot, vault: Vault) -> None:
    caseload = Caseload(vault)
    caseload.families.create({"name": "Nowak family"})
    caseload.families.create({"name": "Okafor family"})
    view = CaseloadView(caseload, lambda fid: FamilySummaryView(caseload.families, fid))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=OP_TIMEOUT_MS)
    heard.clear()
    qtbot.keyClicks(view.filter_edit, "nowak")
    qtbot.waitUntil(lambda: "1 of 2 families match" in heard, timeout=OP_TIMEOUT_MS)
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert heard[-1].endswith("opened")


def test_a_refused_field_is_described_by_its_error_and_the_refusal_is_said(
    qtbot: QtBot, vault: Vault
) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    dialog = PersonDialog(caseload.people, fid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.given_edit.setText("Zofia")
    dialog.email_edit.setText("not an email")
    heard.clear()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    description = dialog.email_edit.accessibleDescription()
    assert description and description == dialog.form.errors["email"].text()
    assert heard[-1].startswith("Not saved. Email: ")


def test_a_wrong_passphrase_is_said_at_once(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    controller.start()
    view = controller.unlock_view
    assert view is not None
    heard.clear()
    unlock_with(qtbot, view, "not the passphrase at all")
    qtbot.waitUntil(lambda: "The passphrase is not correct." in " ".join(heard), timeout=20_000)
