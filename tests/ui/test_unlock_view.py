"""The unlock window: wrong and right passphrases, plain error messages, the recovery path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.session_controller import SessionController
from liaison_desktop.ui.start.unlock_view import UnlockView

from .ui_helpers import OP_TIMEOUT_MS, OWNER, PASSPHRASE, STRONG, WEAK, unlock_with


def _wait_for_error(qtbot: QtBot, view: UnlockView) -> str:
    qtbot.waitUntil(lambda: view.error_label.isVisible(), timeout=OP_TIMEOUT_MS)
    return view.error_label.text()


def test_existing_vault_starts_at_the_unlock_window(
    controller: SessionController, recovery_key: str
) -> None:
    controller.start()
    assert controller.unlock_view is not None and controller.unlock_view.isVisible()
    assert controller.create_view is None


def test_wrong_then_right_passphrase(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    controller.start()
    view = controller.unlock_view
    assert view is not None

    unlock_with(qtbot, view, "not my passphrase at all")
    assert view.busy.busy  # key derivation runs off the GUI thread
    message = _wait_for_error(qtbot, view)
    assert "passphrase" in message.lower()
    assert "Traceback" not in message
    assert view.passphrase_edit.text() == ""
    assert view.focusWidget() is view.passphrase_edit
    assert view.unlock_button.isEnabled()
    assert controller.main_window is None
    assert controller.vault is None

    unlock_with(qtbot, view, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=OP_TIMEOUT_MS)
    assert controller.main_window is not None and controller.main_window.isVisible()
    assert controller.vault is not None and controller.vault.is_open
    assert OWNER in controller.main_window.identity_label.text()
    assert controller.unlock_view is None  # the unlock window is gone


def test_empty_passphrase_is_refused_without_work(
    qtbot: QtBot, vaults: VaultService, recovery_key: str
) -> None:
    view = UnlockView(vaults)
    qtbot.addWidget(view)
    view.show()
    unlock_with(qtbot, view, "")
    assert not view.busy.busy
    assert view.error_label.text() == "Enter your passphrase."


def test_vault_open_elsewhere_is_said_plainly(
    qtbot: QtBot, vaults: VaultService, data_dir: Path, recovery_key: str
) -> None:
    elsewhere = Vault.unlock(data_dir, PASSPHRASE)
    try:
        view = UnlockView(vaults)
        qtbot.addWidget(view)
        view.show()
        unlock_with(qtbot, view, PASSPHRASE)
        assert "already open" in _wait_for_error(qtbot, view)
    finally:
        elsewhere.close()


def test_damaged_key_file_is_said_plainly(
    qtbot: QtBot, vaults: VaultService, data_dir: Path, recovery_key: str
) -> None:
    (data_dir / "vault.keys").write_text("{ not a key file", encoding="utf-8")
    view = UnlockView(vaults)
    qtbot.addWidget(view)
    view.show()
    unlock_with(qtbot, view, PASSPHRASE)
    message = _wait_for_error(qtbot, view)
    assert message
    assert "Traceback" not in message and "Error" not in message


def test_recovery_key_and_new_passphrase_unlock(
    qtbot: QtBot, controller: SessionController, vaults: VaultService, recovery_key: str
) -> None:
    controller.start()
    view = controller.unlock_view
    assert view is not None
    qtbot.mouseClick(view.forgot_button, Qt.MouseButton.LeftButton)
    assert view.pages.currentWidget() is view.recovery_page

    view.recovery_edit.setText(recovery_key.lower())  # case does not matter
    view.new_passphrase_form.passphrase_edit.insert(WEAK)
    view.new_passphrase_form.confirm_edit.insert(WEAK)
    assert not view.recover_button.isEnabled()
    assert view.new_passphrase_form.meter.label_text() in ("Very weak", "Weak")

    view.new_passphrase_form.clear()
    view.new_passphrase_form.passphrase_edit.insert(STRONG)
    view.new_passphrase_form.confirm_edit.insert(STRONG)
    assert view.recover_button.isEnabled()
    qtbot.mouseClick(view.recover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=OP_TIMEOUT_MS)
    assert "new passphrase is set" in controller.main_window.statusBar().currentMessage()

    controller.lock()
    vaults.unlock(STRONG).close()  # the new passphrase now opens the vault


def test_wrong_recovery_key_is_explained(
    qtbot: QtBot, vaults: VaultService, recovery_key: str
) -> None:
    view = UnlockView(vaults)
    qtbot.addWidget(view)
    view.show()
    view.show_recovery()
    view.recovery_edit.setText("not a key")
    view.new_passphrase_form.passphrase_edit.insert(STRONG)
    view.new_passphrase_form.confirm_edit.insert(STRONG)
    qtbot.mouseClick(view.recover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.recovery_error_label.isVisible(), timeout=OP_TIMEOUT_MS)
    assert "recovery key" in view.recovery_error_label.text()
    assert view.recovery_edit.isEnabled()
