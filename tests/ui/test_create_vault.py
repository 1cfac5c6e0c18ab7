"""First run: the create-vault screen, its strength meter and the one-time recovery key."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.session_controller import SessionController
from liaison_desktop.ui.start.create_vault_view import CreateVaultView
from liaison_desktop.ui.start.recovery_key_dialog import RecoveryKeyDialog

from .ui_helpers import OP_TIMEOUT_MS, OWNER, STRONG, WEAK


def _fill(view: CreateVaultView, *, name: str, passphrase: str, confirmation: str) -> None:
    view.name_edit.setText(name)
    view.role_combo.setCurrentIndex(view.role_combo.findData("lead"))
    # insert(), not keyClicks: the passphrase is not ASCII.
    view.passphrase_form.passphrase_edit.insert(passphrase)
    view.passphrase_form.confirm_edit.insert(confirmation)


def test_first_run_shows_the_create_screen(controller: SessionController) -> None:
    controller.start()
    assert controller.create_view is not None
    assert controller.create_view.isVisible()
    assert controller.unlock_view is None


def test_strength_meter_reacts_to_weak_and_strong_passphrases(
    qtbot: QtBot, vaults: VaultService
) -> None:
    view = CreateVaultView(vaults)
    qtbot.addWidget(view)
    meter = view.passphrase_form.meter

    view.passphrase_form.passphrase_edit.insert(WEAK)
    weak = meter.strength
    assert weak is not None and not weak.acceptable
    assert meter.label_text() in ("Very weak", "Weak")

    view.passphrase_form.passphrase_edit.clear()
    view.passphrase_form.passphrase_edit.insert(STRONG)
    strong = meter.strength
    assert strong is not None and strong.acceptable
    assert strong.score > weak.score
    assert meter.label_text() == "Strong"
    assert meter.advice_text() != ""


def test_weak_passphrase_keeps_create_disabled(qtbot: QtBot, vaults: VaultService) -> None:
    view = CreateVaultView(vaults)
    qtbot.addWidget(view)
    _fill(view, name=OWNER, passphrase=WEAK, confirmation=WEAK)
    assert not view.create_button.isEnabled()
    assert view.problem()


def test_mismatched_confirmation_blocks_creation(qtbot: QtBot, vaults: VaultService) -> None:
    view = CreateVaultView(vaults)
    qtbot.addWidget(view)
    view.show()
    _fill(view, name=OWNER, passphrase=STRONG, confirmation=STRONG + "x")

    assert not view.create_button.isEnabled()
    assert view.problem() == "The two passphrases do not match."
    view.passphrase_form.confirm_edit.setFocus()
    qtbot.keyClick(view.passphrase_form.confirm_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(view.create_button, Qt.MouseButton.LeftButton)
    assert not view.busy.busy
    assert not vaults.exists()

    view.passphrase_form.confirm_edit.backspace()
    assert view.create_button.isEnabled()


def test_name_is_required(qtbot: QtBot, vaults: VaultService) -> None:
    view = CreateVaultView(vaults)
    qtbot.addWidget(view)
    _fill(view, name="   ", passphrase=STRONG, confirmation=STRONG)
    assert not view.create_button.isEnabled()


def test_creating_shows_a_recovery_key_that_opens_the_vault(
    qtbot: QtBot, controller: SessionController, data_dir: Path
) -> None:
    controller.start()
    view = controller.create_view
    assert view is not None
    _fill(view, name=OWNER, passphrase=STRONG, confirmation=STRONG)
    qtbot.mouseClick(view.create_button, Qt.MouseButton.LeftButton)
    # The work is queued off the GUI thread: the busy indicator shows until it reports back.
    assert view.busy.busy
    assert not view.name_edit.isEnabled()

    qtbot.waitUntil(lambda: controller.recovery_dialog is not None, timeout=OP_TIMEOUT_MS)
    dialog = controller.recovery_dialog
    assert dialog is not None and dialog.isVisible()
    key = dialog.key_label.text()
    assert len(key.replace("-", "")) == 32
    assert not dialog.continue_button.isEnabled()

    dialog.stored_check.setChecked(True)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None)
    window = controller.main_window
    assert window is not None and window.isVisible()
    assert OWNER in window.identity_label.text()
    assert "Safeguarding lead" in window.identity_label.text()

    controller.lock()
    recovered = Vault.unlock_with_recovery(data_dir, key)
    try:
        assert recovered.meta()["owner_name"] == OWNER
        assert recovered.meta()["role"] == "lead"
    finally:
        recovered.close()


def test_recovery_key_cannot_be_dismissed_until_stored(qtbot: QtBot) -> None:
    dialog = RecoveryKeyDialog("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # what Escape does
    assert dialog.isVisible()
    assert not dialog.close()  # the window's close button
    assert dialog.isVisible()

    dialog.stored_check.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_recovery_key_saves_to_a_private_text_file(qtbot: QtBot, tmp_path: Path) -> None:
    key = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
    target = tmp_path / "usb" / "key.txt"
    target.parent.mkdir()

    def choose(_parent: QWidget) -> str:
        return str(target)

    dialog = RecoveryKeyDialog(key, choose_save_path=choose)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert key in target.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert str(target) in dialog.message_label.text()


def test_recovery_key_save_failure_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    def choose(_parent: QWidget) -> str:
        return str(tmp_path / "no such folder" / "key.txt")

    dialog = RecoveryKeyDialog("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789", choose_save_path=choose)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "could not be saved" in dialog.message_label.text()


def test_printed_page_holds_the_key(qtbot: QtBot) -> None:
    key = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
    dialog = RecoveryKeyDialog(key)
    qtbot.addWidget(dialog)
    assert key in dialog.document().toPlainText()


def test_the_set_up_window_opens_big_enough_for_its_create_button(
    qtbot: QtBot, controller: SessionController
) -> None:
    controller.start()
    view = controller.create_view
    assert view is not None
    qtbot.waitExposed(view)
    screen = view.screen().availableSize()
    # As large as its content needs, within the screen: not a scroll area's small default
    # (it opened at 342×336, "Create vault" below the fold).
    hint = view.sizeHint()
    assert view.height() >= min(screen.height(), hint.height())
    assert view.width() >= min(screen.width(), hint.width())
    assert hint.height() <= screen.height()  # so, on this screen, the whole form shows:
    assert not view.create_button.visibleRegion().isEmpty()
