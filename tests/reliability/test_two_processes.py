"""Two processes on one vault: the second is refused plainly, the first keeps working, and the
second can open once the first has gone, whether it exited cleanly or was killed (stale lock).
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
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
from tests.helpers import run_cli_process
from tests.ui.ui_helpers import NEVER_MS, OP_TIMEOUT_MS, unlock_with

from .faults import REPO, child_command, child_env

IN_USE = "already open in another Liaison Desktop window or command"
ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


class Holder:
    """A first process holding the vault open (tests.reliability.child `hold`)."""

    def __init__(self, data_dir: Path, family_id: str) -> None:
        self.proc = subprocess.Popen(
            child_command("hold", str(data_dir), family_id),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            cwd=REPO,
        )
        assert self.read() == "READY", self.proc.stderr.read() if self.proc.stderr else ""

    def read(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().rstrip("\n")

    def write_note(self) -> str:
        """Ask the holder to write a note; returns its id once committed."""
        assert self.proc.stdin is not None
        self.proc.stdin.write("write\n")
        self.proc.stdin.flush()
        words = self.read().split()
        assert words[:2] == ["ACK", "write"], words
        return words[2]

    def exit_cleanly(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        assert self.read() == "CLOSED"
        assert self.proc.wait(timeout=30) == 0

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        assert self.proc.wait(timeout=30) == -signal.SIGKILL

    def close_pipes(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


@pytest.fixture
def family_id(data_dir: Path) -> str:
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="First Officer", role="officer", kdf_target_seconds=0
    )
    with vault:
        return Caseload(vault).families.create({"name": "Kowalczyk family"}).id


@pytest.fixture
def holders() -> Iterator[list[Holder]]:
    made: list[Holder] = []
    yield made
    for holder in made:
        holder.close_pipes()


def notes_in(data_dir: Path) -> set[str]:
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        return {str(r[0]) for r in vault.conn.execute("SELECT id FROM notes")}


@pytest.mark.parametrize("first_goes", ["exits", "is killed"])
def test_cli_second_process_is_refused_plainly_and_opens_once_the_first_has_gone(
    data_dir: Path, family_id: str, holders: list[Holder], first_goes: str
) -> None:
    holder = Holder(data_dir, family_id)
    holders.append(holder)
    for args in (["family", "list"], ["note", "add", family_id, "--text", "Second process"]):
        refused = run_cli_process(data_dir, *args, env=ENV)
        assert refused.code == EXIT_ERROR, refused.err
        assert IN_USE in refused.err and f"(process {holder.proc.pid})" in refused.err
        assert "Close it there first; nothing has been changed" in refused.err
        assert "Traceback" not in refused.err + refused.out

    written = holder.write_note()  # the first process carries on as if nothing happened
    if first_goes == "exits":
        holder.exit_cleanly()
    else:
        holder.kill()  # the OS drops its lock: no stale lock file blocks the officer

    listed = run_cli_process(data_dir, "family", "list", env=ENV)
    assert listed.code == 0 and "Kowalczyk" in listed.out, listed.err
    assert notes_in(data_dir) == {written}  # the refused `note add` wrote nothing


def test_gui_second_process_is_refused_plainly_and_unlocks_after_a_kill(
    qtbot: QtBot, data_dir: Path, family_id: str, holders: list[Holder]
) -> None:
    holder = Holder(data_dir, family_id)
    holders.append(holder)
    controller = SessionController(
        VaultService(data_dir), SettingsService(data_dir), idle_interval_ms=NEVER_MS
    )
    try:
        controller.start()
        view = controller.unlock_view
        assert view is not None
        unlock_with(qtbot, view, PASSPHRASE)
        qtbot.waitUntil(lambda: view.error_label.isVisible(), timeout=OP_TIMEOUT_MS)
        message = view.error_label.text()
        assert IN_USE in message and "Close it there first" in message
        assert "Traceback" not in message
        assert controller.main_window is None

        written = holder.write_note()
        holder.kill()

        unlock_with(qtbot, view, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main_window is not None, timeout=OP_TIMEOUT_MS)
        assert controller.vault is not None
        found = Caseload(controller.vault).notes.find(written)
        assert found is not None and found["status"] == "draft"
    finally:
        controller.shutdown()
