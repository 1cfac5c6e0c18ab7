"""Backups from the desktop: Settings → Back up now (off the GUI thread), and the daily backup
that runs by itself once the vault opens and the folder can be reached."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from liaison_desktop.services.backups_service import BackupsService
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store import backup
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.session_controller import SessionController
from liaison_desktop.ui.settings.backups_box import BackupsBox
from tests.conftest import PASSPHRASE

from .ui_helpers import OP_TIMEOUT_MS, unlocked_session


def test_back_up_now_writes_a_checked_backup_and_says_when(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    backups = BackupsService(Caseload(vault).ctx)
    box = BackupsBox(backups)
    qtbot.addWidget(box)
    box.show()
    assert "No backup" in box.last_label.text()
    folder = tmp_path / "usb"
    folder.mkdir()
    box.back_up_to(folder)  # what choosing the folder in the dialog does
    assert not box.back_up_button.isEnabled()  # running, in the background
    qtbot.waitUntil(lambda: "Backed up" in box.result_label.text(), timeout=OP_TIMEOUT_MS)
    (made,) = backup.backups_in(folder)
    assert str(made) in box.result_label.text()
    assert "Last backup" in box.last_label.text() and str(folder) in box.last_label.text()
    assert backups.folder() == folder and not backups.due()  # a day has not passed


def test_the_daily_backup_runs_by_itself_when_a_day_has_passed(
    qtbot: QtBot, recovery_key: str, controller: SessionController, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        vault.set_meta("setting.backup_folder", str(folder))
        old = datetime.now(UTC) - timedelta(days=2)
        vault.set_meta("setting.last_backup_at", old.isoformat())
    finally:
        vault.close()
    window = unlocked_session(qtbot, controller)
    qtbot.waitUntil(lambda: len(backup.backups_in(folder)) == 1, timeout=OP_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: "Backed up by itself" in window.statusBar().currentMessage(),
        timeout=OP_TIMEOUT_MS,
    )


def test_no_daily_backup_when_the_folder_is_not_there(
    qtbot: QtBot, recovery_key: str, controller: SessionController, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "usb-not-plugged-in"
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        vault.set_meta("setting.backup_folder", str(folder))
        assert not BackupsService(Caseload(vault).ctx).due()
    finally:
        vault.close()
    unlocked_session(qtbot, controller)
    qtbot.wait(2500)  # past the moment the daily backup would have started
    assert not folder.exists()
