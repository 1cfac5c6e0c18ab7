"""One process at a time opens a vault; a second gets a clear message (DESIGN §3)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from liaison_desktop.errors import VaultInUse
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

IN_USE = "already open in another Liaison Desktop window or command"

# Tries to open the vault once; exit 3 with the message on VaultInUse, 0 when it opened.
PROBE = """
import os, sys
from pathlib import Path
from liaison_desktop.errors import VaultInUse
from liaison_desktop.store.vault import Vault
try:
    vault = Vault.unlock(Path(sys.argv[1]), os.environ["LIAISON_PASSPHRASE"])
except VaultInUse as exc:
    print(exc)
    sys.exit(3)
print("OPENED", vault.meta()["owner_name"])
vault.close()
"""

# Opens the vault, says so, and holds it until stdin closes or it is killed.
HOLDER = """
import os, sys
from pathlib import Path
from liaison_desktop.store.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), os.environ["LIAISON_PASSPHRASE"])
print("HOLDING", flush=True)
sys.stdin.read()
"""


def child_env() -> dict[str, str]:
    return {**os.environ, "LIAISON_PASSPHRASE": PASSPHRASE}


def probe(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run PROBE in a fresh interpreter against `data_dir`."""
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
    )


def test_second_process_is_refused_while_the_vault_is_open(data_dir: Path, vault: Vault) -> None:
    refused = probe(data_dir)
    assert refused.returncode == 3, refused.stderr
    assert IN_USE in refused.stdout
    assert f"(process {os.getpid()})" in refused.stdout  # names who holds it
    assert "Traceback" not in refused.stdout + refused.stderr

    # The refusal changed nothing for the holder.
    vault.set_meta("owner_name", "Still Mine")
    assert vault.meta()["owner_name"] == "Still Mine"

    vault.close()
    opened = probe(data_dir)
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.strip() == "OPENED Still Mine"


def test_lock_is_released_when_the_holding_process_is_killed(data_dir: Path) -> None:
    created, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Holder", role="officer", kdf_target_seconds=0
    )
    created.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "HOLDING\n"
        with pytest.raises(VaultInUse, match=rf"\(process {holder.pid}\)"):
            Vault.unlock(data_dir, PASSPHRASE)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        for pipe in (holder.stdin, holder.stdout):
            if pipe is not None:
                pipe.close()
    assert holder.returncode == -signal.SIGKILL

    # The OS drops the lock with the dead process; no stale lock file blocks the officer.
    with Vault.unlock(data_dir, PASSPHRASE) as reopened:
        assert reopened.meta()["owner_name"] == "Holder"
        assert reopened.verify_storage() == []


def test_deleting_the_lock_file_does_not_let_a_second_process_in(
    data_dir: Path, vault: Vault
) -> None:
    # A new vault.lock is a new file that a second process could lock; the folder is not.
    (data_dir / "vault.lock").unlink()
    refused = probe(data_dir)
    assert refused.returncode == 3, refused.stderr
    assert IN_USE in refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr

    # Nor does a fresh, empty lock file put in its place.
    (data_dir / "vault.lock").write_text("")
    assert probe(data_dir).returncode == 3

    vault.set_meta("owner_name", "Still Mine")
    vault.close()
    opened = probe(data_dir)
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.strip() == "OPENED Still Mine"
