"""Background work gets its own connection to the vault, closed when the vault locks."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from liaison_desktop.errors import VaultInUse, VaultLocked
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import as_liaison_error
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


def test_the_lock_file_is_held_until_the_last_connection_closes(
    data_dir: Path, vault: Vault
) -> None:
    worker = vault.open_worker()
    worker.close()  # a finished worker does not release the vault's lock
    with pytest.raises(VaultInUse):
        Vault.unlock(data_dir, PASSPHRASE)
    still_working = vault.open_worker()
    vault.close()
    with pytest.raises(VaultLocked):
        vault.open_worker()
    with pytest.raises(VaultInUse):  # the worker's connection is open: the lock stays held
        Vault.unlock(data_dir, PASSPHRASE)
    still_working.close()
    Vault.unlock(data_dir, PASSPHRASE).close()


def test_locking_interrupts_a_worker_mid_query_without_crashing(vault: Vault) -> None:
    # The GUI locks while a background read is running: the read must stop with a clear
    # error on its own thread, and nothing may crash (closing its connection from the GUI
    # thread used to segfault).
    Caseload(vault).families.create({"name": "Mensah family"})
    worker = vault.open_worker()
    started, outcome = threading.Event(), []

    def long_read() -> None:
        try:
            started.set()
            worker.conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                "SELECT count(*) FROM n, families"
            ).fetchone()
            outcome.append("finished")
        except Exception as exc:  # the interrupted statement's error, as a person sees it
            outcome.append(type(as_liaison_error(exc)).__name__)
        finally:
            worker.close()

    thread = threading.Thread(target=long_read)
    thread.start()
    started.wait(timeout=10)
    time.sleep(0.2)  # let the statement get going inside SQLite
    vault.close()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert outcome == ["VaultLocked"]
