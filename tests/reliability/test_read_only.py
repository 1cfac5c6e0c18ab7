"""A read-only data directory: the vault is not opened, the officer is told why and what to do.

Decision (docs/decisions.md): the app refuses to open a vault whose folder it cannot write,
rather than opening it read-only, because SQLCipher's write-ahead log, the lock file that keeps
a second copy of the app out, and the audit event of every case viewed all need to be written
beside the vault. The refusal names the folder and says nothing has been changed.

Read-only is made real even for root: `chattr +i` (immutable) on the folder and its files,
and, as root, a read-only bind mount in a private mount namespace (EROFS, as a write-protected
stick or a read-only share gives).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison_desktop.errors import EXIT_ERROR
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.session_controller import SessionController
from tests.conftest import PASSPHRASE
from tests.external_tools import require_private_mount_namespace
from tests.helpers import run_cli_process
from tests.ui.ui_helpers import NEVER_MS, OP_TIMEOUT_MS, unlock_with

from .faults import child_env, dump_vault, file_digests, read_only

READ_ONLY = "is read-only, so Liaison Desktop cannot open the vault there"


@pytest.fixture
def family_vault(data_dir: Path) -> str:
    """A vault with one family and one note, closed; returns the family id."""
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Read Only", role="officer", kdf_target_seconds=0
    )
    with vault:
        caseload = Caseload(vault)
        family_id = caseload.families.create({"name": "Haddad family"}).id
        caseload.notes.write(family_id, "Met at the school gate.", final=True)
    return family_id


def assert_refused_plainly(code: int, err: str, data_dir: Path) -> None:
    assert code == EXIT_ERROR, err
    assert READ_ONLY in err and str(data_dir) in err and "Nothing has been changed" in err
    assert "Traceback" not in err and "crash report" not in err.lower()


def test_cli_on_a_read_only_folder_refuses_plainly_and_changes_nothing(
    data_dir: Path, family_vault: str
) -> None:
    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    dump = dump_vault(data_dir)
    files = file_digests(data_dir)
    with read_only(data_dir):
        for args in (
            ["family", "list"],
            ["verify"],
            ["note", "add", family_vault, "--text", "A note for a read-only vault"],
        ):
            result = run_cli_process(data_dir, *args, env=env)
            assert_refused_plainly(result.code, result.err, data_dir)
    assert file_digests(data_dir) == files  # not a byte changed
    assert dump_vault(data_dir) == dump
    # Writable again: the same command works.
    added = run_cli_process(data_dir, "note", "add", family_vault, "--text", "Later", env=env)
    assert added.code == 0, added.err


def test_cli_on_a_read_only_mount_refuses_plainly_and_changes_nothing(
    data_dir: Path, family_vault: str
) -> None:
    require_private_mount_namespace("the chattr/chmod variant above covers a read-only folder")
    files = file_digests(data_dir)
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    command = [
        "unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
        str(data_dir), sys.executable, "-m", "liaison_desktop.cli", "--data-dir", str(data_dir),
        "note", "add", family_vault, "--text", "A note for a read-only vault",
    ]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, env=child_env(), timeout=120)
    assert_refused_plainly(proc.returncode, proc.stderr, data_dir)
    assert file_digests(data_dir) == files


def test_gui_unlock_on_a_read_only_folder_shows_the_reason_and_keeps_running(
    qtbot: QtBot, data_dir: Path, family_vault: str
) -> None:
    files = file_digests(data_dir)
    controller = SessionController(
        VaultService(data_dir), SettingsService(data_dir), idle_interval_ms=NEVER_MS
    )
    try:
        with read_only(data_dir):
            controller.start()
            view = controller.unlock_view
            assert view is not None
            unlock_with(qtbot, view, PASSPHRASE)
            qtbot.waitUntil(lambda: view.error_label.isVisible(), timeout=OP_TIMEOUT_MS)
            message = view.error_label.text()
            assert READ_ONLY in message and "Nothing has been changed" in message
            assert "Traceback" not in message
            assert controller.main_window is None and controller.vault is None
            assert view.isVisible() and view.unlock_button.isEnabled()
        assert file_digests(data_dir) == files

        # The app kept running: once the folder is writable the same window unlocks.
        unlock_with(qtbot, view, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main_window is not None, timeout=OP_TIMEOUT_MS)
        assert controller.vault is not None and controller.vault.is_open
    finally:
        controller.shutdown()
