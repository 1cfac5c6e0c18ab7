"""Background work gets its own connection to the vault, closed when the vault locks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from liaison_desktop.errors import VaultInUse, VaultLocked
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE


def test_a_worker_writes_on_its_own_thread_and_the_gui_connection_sees_it(vault: Vault) -> None:
    worker = vault.open_worker()
    created: list[str] = []

    def work() -> None:
        created.append(Caseload(worker).families.create({"name": "Bello family"}).id)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=30)
    assert created and Caseload(vault).families.get(created[0])["name"] == "Bello family"


def test_worker_and_main_stamps_never_collide(vault: Vault) -> None:
    main, worker = Caseload(vault), Caseload(vault.open_worker())
    fid = main.families.create({"name": "Ito family"}).id
    worker.families.update(fid, {"strengths": "Warm and welcoming"})
    main.families.update(fid, {"strengths": "Warm, welcoming, organised"})
    stamps = [r[0] for r in vault.conn.execute("SELECT hlc FROM ops")]
    assert len(set(stamps)) == len(stamps) == 3
    assert main.families.get(fid)["strengths"] == "Warm, welcoming, organised"


def test_locking_closes_workers_and_keeps_the_lock_until_then(data_dir: Path, vault: Vault) -> None:
    worker = vault.open_worker()
    with pytest.raises(VaultInUse):
        Vault.unlock(data_dir, PASSPHRASE)
    worker.close()  # a finished worker does not release the vault's lock
    with pytest.raises(VaultInUse):
        Vault.unlock(data_dir, PASSPHRASE)
    second = vault.open_worker()
    vault.close()
    with pytest.raises(VaultLocked):
        second.meta()
    Vault.unlock(data_dir, PASSPHRASE).close()
