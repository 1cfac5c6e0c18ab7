"""The unlock window appears before the storage and crypto stack is imported (it is not needed
until a passphrase is entered), which keeps time to the first window near a bare Qt window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from liaison_desktop.services.vault_service import VAULT_FILE, VaultService
from liaison_desktop.store.vault import DB_NAME, Vault

from .conftest import PASSPHRASE

HEAVY = ("sqlcipher3", "cryptography", "liaison_desktop.store.vault", "liaison_desktop.crypto")
PROBE = """
import sys
from PySide6.QtCore import QEventLoop
from liaison_desktop.app import launch
started = launch(["--data-dir", sys.argv[1]])
QEventLoop().processEvents()
shown = [w.__class__.__name__ for w in started.app.topLevelWidgets() if w.isVisible()]
heavy = sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[2].split(","))))
print(",".join(shown) + "|" + ",".join(heavy))
started.close()
"""


def test_the_unlock_window_shows_without_importing_the_storage_or_crypto_stack(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Start-up Officer", role="officer", kdf_target_seconds=0
    )
    vault.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir), ",".join(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown, _bar, heavy = done.stdout.strip().splitlines()[-1].partition("|")
    assert shown == "UnlockView"
    assert heavy == "", f"imported before the first window: {heavy}"


def test_vault_service_knows_a_vault_by_the_same_file_as_the_store(tmp_path: Path) -> None:
    assert VAULT_FILE == DB_NAME
    service = VaultService(tmp_path / "data")
    assert not service.exists()
    vault, _recovery = Vault.create(
        tmp_path / "data", PASSPHRASE, owner_name="Officer", role="officer", kdf_target_seconds=0
    )
    vault.close()
    assert service.exists()
