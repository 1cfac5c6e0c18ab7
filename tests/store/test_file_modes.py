"""The data folder is 0700 and every file in it 0600, whatever the umask (issue 15)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import Settings, SettingsService
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store import migrations
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.world import create_member, pair

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def _open_umask() -> Iterator[None]:
    """The umask most desktops ship with: files 0644 and folders 0755 unless asked otherwise."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def loose_paths(data_dir: Path) -> dict[str, str]:
    """Every path in the data folder (and the folder) whose mode lets another account in."""
    loose = {}
    for path in [data_dir, *data_dir.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode != wanted:
            loose[str(path.relative_to(data_dir.parent))] = oct(mode)
    return loose


def test_a_new_vault_written_and_synced_keeps_every_file_owner_only(tmp_path: Path) -> None:
    officer = create_member(tmp_path, "officer", "officer")
    lead = create_member(tmp_path, "lead", "lead")
    pair(officer, lead)
    folder = tmp_path / "stick"
    folder.mkdir()
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        family = caseload.families.create({"name": "Okafor family"}).id
        caseload.notes.write(family, "Mum asked about the breakfast club.")
        SyncService(caseload.ctx).sync_folder(folder)
        names = {p.name for p in officer.data_dir.iterdir()}
        assert {"vault.db", "vault.db-wal", "vault.db-shm", "vault.keys", "vault.lock"} <= names
        assert loose_paths(officer.data_dir) == {}  # while open: the WAL and shared memory too
    SettingsService(officer.data_dir).save(Settings())
    assert (officer.data_dir / "settings.json").exists()
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        report = SyncService(Caseload(vault).ctx).sync_folder(folder)
        assert report.imported
        assert loose_paths(lead.data_dir) == {}
    for member in (officer, lead):
        assert loose_paths(member.data_dir) == {}


def test_a_migration_backup_is_owner_only(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as old_build:
        old_build.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
        created, _recovery = Vault.create(
            data_dir, PASSPHRASE, owner_name="Old Build", role="officer", kdf_target_seconds=0
        )
        created.close()
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        assert migrations.schema_version(vault.conn) == migrations.latest_version()
    assert migrations.backup_path(data_dir / "vault.db", 5).exists()
    assert loose_paths(data_dir) == {}


def test_a_vault_left_open_to_others_is_closed_on_unlock(data_dir: Path) -> None:
    created, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Old Build", role="officer", kdf_target_seconds=0
    )
    created.close()
    SettingsService(data_dir).save(Settings())
    # As an older version left it under umask 022.
    data_dir.chmod(0o755)
    for path in data_dir.iterdir():
        path.chmod(0o644)
    assert loose_paths(data_dir)
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        assert loose_paths(data_dir) == {}
        assert vault.verify_storage() == []
    assert loose_paths(data_dir) == {}


def test_a_new_data_folder_is_owner_only_even_inside_an_open_parent(tmp_path: Path) -> None:
    data_dir = tmp_path / "app-data" / "liaison-desktop"
    created, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="New", role="officer", kdf_target_seconds=0
    )
    created.close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert loose_paths(data_dir) == {}


def test_settings_alone_make_an_owner_only_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    SettingsService(data_dir).save(Settings())
    assert loose_paths(data_dir) == {}
