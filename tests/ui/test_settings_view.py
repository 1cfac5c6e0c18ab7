"""Settings: each change applies at once; device preferences hold nothing personal."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.session_controller import MINUTE_MS
from liaison_desktop.ui.settings.settings_view import SettingsView

from .conftest import ControllerFactory
from .ui_helpers import OWNER, PASSPHRASE, unlocked_session

NEW_NAME = "Gwen Ap Rhys-Łukasik"


def _settings_view(qtbot: QtBot, make_controller: ControllerFactory) -> tuple[SettingsView, object]:
    # No override: the idle watcher follows the saved setting (5 minutes: it never fires here).
    controller = make_controller(idle_interval_ms=None)
    window = unlocked_session(qtbot, controller)
    window.show_section("settings")
    view = window.view("settings")
    assert isinstance(view, SettingsView)
    return view, controller


def test_new_auto_lock_time_applies_to_the_idle_watcher_at_once(
    qtbot: QtBot, recovery_key: str, make_controller: ControllerFactory, data_dir: Path
) -> None:
    view, controller = _settings_view(qtbot, make_controller)
    watcher = controller.idle_watcher  # type: ignore[attr-defined]
    assert watcher.interval_ms == 5 * MINUTE_MS and watcher.active
    view.auto_lock_spin.setFocus()
    view.auto_lock_spin.lineEdit().selectAll()
    qtbot.keyClicks(view.auto_lock_spin, "12")
    qtbot.keyClick(view.auto_lock_spin, Qt.Key.Key_Return)
    assert watcher.interval_ms == 12 * MINUTE_MS and watcher.active
    assert SettingsService(data_dir).load().auto_lock_minutes == 12
    qtbot.keyClick(view.auto_lock_spin, Qt.Key.Key_Up)
    assert watcher.interval_ms == 13 * MINUTE_MS
    assert "13 minutes" in view.status_label.text()


def test_sync_folder_is_chosen_with_a_folder_picker_and_saved_without_personal_data(
    qtbot: QtBot,
    recovery_key: str,
    make_controller: ControllerFactory,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    view, _controller = _settings_view(qtbot, make_controller)
    folder = tmp_path / "USB stick" / "liaison-sync"
    folder.mkdir(parents=True)
    qtbot.mouseClick(view.choose_folder_button, Qt.MouseButton.LeftButton)
    dialog = view.folder_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.fileMode() == QFileDialog.FileMode.Directory
    dialog.fileSelected.emit(str(folder))  # what choosing the folder and pressing Open sends
    dialog.reject()

    assert view.sync_folder_edit.text() == str(folder)
    raw = (data_dir / "settings.json").read_text(encoding="utf-8")
    assert json.loads(raw)["sync_folder"] == str(folder)
    assert OWNER not in raw and "Siân" not in raw
    qtbot.mouseClick(view.clear_folder_button, Qt.MouseButton.LeftButton)
    assert SettingsService(data_dir).load().sync_folder == ""
    assert not view.clear_folder_button.isEnabled()


def test_new_officer_name_shows_in_the_status_bar_and_is_kept_encrypted(
    qtbot: QtBot, recovery_key: str, make_controller: ControllerFactory, data_dir: Path
) -> None:
    view, controller = _settings_view(qtbot, make_controller)
    window = controller.main_window  # type: ignore[attr-defined]
    assert OWNER in window.identity_label.text()
    view.name_edit.setText(NEW_NAME)
    qtbot.mouseClick(view.save_name_button, Qt.MouseButton.LeftButton)
    assert NEW_NAME in window.identity_label.text()
    assert "Safeguarding lead" in window.identity_label.text()
    assert not (data_dir / "settings.json").exists() or NEW_NAME not in (
        data_dir / "settings.json"
    ).read_text(encoding="utf-8")

    controller.lock()  # type: ignore[attr-defined]
    reopened = Vault.unlock(data_dir, PASSPHRASE)
    try:
        assert reopened.meta()["owner_name"] == NEW_NAME
    finally:
        reopened.close()


def test_empty_name_is_refused_beside_the_field(
    qtbot: QtBot, recovery_key: str, make_controller: ControllerFactory
) -> None:
    view, controller = _settings_view(qtbot, make_controller)
    view.name_edit.setText("   ")
    qtbot.keyClick(view.name_edit, Qt.Key.Key_Return)
    assert view.name_error.isVisibleTo(view) and "empty" in view.name_error.text()
    assert OWNER in controller.main_window.identity_label.text()  # type: ignore[attr-defined]


def test_appearance_applies_live_and_is_saved(
    qtbot: QtBot, recovery_key: str, make_controller: ControllerFactory, data_dir: Path
) -> None:
    view, _controller = _settings_view(qtbot, make_controller)
    view.theme_combo.setCurrentIndex(view.theme_combo.findData("dark"))
    try:
        assert SettingsService(data_dir).load().theme == "dark"
        # The offscreen platform ignores colour-scheme requests; real desktops honour them.
        if QGuiApplication.platformName() != "offscreen":
            assert QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        assert "Appearance changed" in view.status_label.text()
        view.language_combo.setCurrentIndex(view.language_combo.findData("cy"))
        assert SettingsService(data_dir).load().language == "cy"
    finally:
        view.theme_combo.setCurrentIndex(view.theme_combo.findData("system"))


def test_a_lead_sets_the_voucher_rules_and_referrals_follow(
    qtbot: QtBot, recovery_key: str, make_controller: ControllerFactory
) -> None:
    view, controller = _settings_view(qtbot, make_controller)
    assert view.save_rules_button.isEnabled()  # the recovery_key fixture's vault is a lead's
    view.voucher_limit_spin.setValue(4)
    view.voucher_window_spin.setValue(9)
    qtbot.mouseClick(view.save_rules_button, Qt.MouseButton.LeftButton)
    assert "4 food-bank vouchers in 9 months" in view.status_label.text()
    meta = controller.vault.meta()  # type: ignore[attr-defined]
    assert meta["setting.voucher_limit"] == "4"
    assert meta["setting.voucher_window_months"] == "9"


def test_an_officer_sees_the_rules_but_cannot_change_them(
    qtbot: QtBot, data_dir: Path, make_controller: ControllerFactory
) -> None:
    Vault.create(data_dir, PASSPHRASE, owner_name=OWNER, role="officer", kdf_target_seconds=0)[
        0
    ].close()
    view, _controller = _settings_view(qtbot, make_controller)
    assert not view.save_rules_button.isEnabled()
    assert not view.voucher_limit_spin.isEnabled()


def test_the_sync_folder_cannot_be_inside_the_vault_folder(
    qtbot: QtBot, recovery_key: str, make_controller: ControllerFactory, data_dir: Path
) -> None:
    view, _controller = _settings_view(qtbot, make_controller)
    inside = data_dir / "bundles"
    inside.mkdir()
    view.set_sync_folder(str(inside))
    assert "cannot be the vault's own folder" in view.status_label.text()
    assert view.sync_folder_edit.text() == ""
    assert SettingsService(data_dir).load().sync_folder == ""
