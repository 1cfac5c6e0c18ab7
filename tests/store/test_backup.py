"""Backups that restore: written encrypted and checked, kept in rotation, refused when wrong,
and brought back after the vault is gone, with every record as it was."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from liaison_desktop.errors import InputRejected, VaultInUse, WrongPassphrase
from liaison_desktop.interchange.json_export import vault_document
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store import backup
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import files_containing, new_canary, run_cli

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


def filled(data_dir: Path, canary: str) -> tuple[Vault, str]:
    vault, recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Gwen Lead", role="lead", kdf_target_seconds=0
    )
    c = Caseload(vault)
    family = c.families.create({"name": f"{canary} family", "address": "1 Heol y Coed"})
    c.notes.create({"family_id": family.id, "text": f"Seen at home {canary}", "status": "final"})
    c.attachments.attach(family.id, "letter.txt", f"letter {canary}".encode())
    return vault, recovery


def test_a_backup_restores_every_record_after_the_vault_is_gone(tmp_path: Path) -> None:
    canary = new_canary()
    data_dir, folder = tmp_path / "data", tmp_path / "usb"
    vault, _recovery = filled(data_dir, canary)
    try:
        result = VaultService.back_up(vault, folder)
        before = vault_document(Caseload(vault))
    finally:
        vault.close()
    # Encrypted: the canary is nowhere in the backup, not even in its manifest.
    assert files_containing(folder, [canary]) == []
    assert sorted(p.name for p in result.path.iterdir()) == [
        "manifest.json",
        "vault.db",
        "vault.keys",
    ]
    assert all(oct(p.stat().st_mode)[-3:] == "600" for p in result.path.iterdir())
    manifest = json.loads((result.path / "manifest.json").read_text())
    assert manifest["operations"] == result.operations > 0

    shutil.rmtree(data_dir)  # the laptop is lost
    moved = VaultService(data_dir).restore(result.path, passphrase=PASSPHRASE)
    assert moved == data_dir  # nothing was there to move aside
    restored = Vault.unlock(data_dir, PASSPHRASE)
    try:
        assert restored.verify_storage() == []
        assert vault_document(Caseload(restored)) == before
        attachment = Caseload(restored).attachments.for_family(before["families"][0]["id"])
        assert canary in Caseload(restored).attachments.open_bytes(attachment[0].id).decode()
    finally:
        restored.close()


def test_a_wrong_passphrase_or_an_altered_backup_is_refused_and_nothing_changes(
    tmp_path: Path,
) -> None:
    data_dir, folder = tmp_path / "data", tmp_path / "usb"
    vault, _recovery = filled(data_dir, new_canary())
    try:
        result = VaultService.back_up(vault, folder)
    finally:
        vault.close()
    target = tmp_path / "new-laptop"
    with pytest.raises(WrongPassphrase):
        VaultService(target).restore(result.path, passphrase="not the passphrase at all")
    assert not target.exists()
    damaged = tmp_path / "damaged"
    shutil.copytree(result.path, damaged)
    with open(damaged / "vault.db", "r+b") as fh:
        fh.seek(8000)
        byte = fh.read(1)
        fh.seek(8000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(backup.BackupDamaged, match="changed"):
        VaultService(target).restore(damaged, passphrase=PASSPHRASE)
    assert not target.exists()


def test_the_recovery_key_opens_a_backup_and_a_vault_already_there_is_moved_aside(
    tmp_path: Path,
) -> None:
    data_dir, folder = tmp_path / "data", tmp_path / "usb"
    vault, recovery = filled(data_dir, new_canary())
    try:
        result = VaultService.back_up(vault, folder)
        Caseload(vault).families.create({"name": "Made after the backup"})
    finally:
        vault.close()
    moved = VaultService(data_dir).restore(result.path, recovery_key=recovery)
    assert moved != data_dir and (moved / "vault.db").exists()  # the newer vault is kept
    restored = Vault.unlock(data_dir, PASSPHRASE)
    try:
        names = [f["name"] for f in Caseload(restored).families.all()]
        assert "Made after the backup" not in names and len(names) == 1
    finally:
        restored.close()


def test_backups_rotate_and_are_refused_inside_the_vault_folder_or_while_it_is_open(
    tmp_path: Path,
) -> None:
    data_dir, folder = tmp_path / "data", tmp_path / "usb"
    vault, _recovery = filled(data_dir, new_canary())
    try:
        made = [VaultService.back_up(vault, folder, keep=2).path for _ in range(3)]
        assert backup.backups_in(folder) == made[1:]  # the oldest went
        with pytest.raises(InputRejected, match="vault's own folder"):
            VaultService.back_up(vault, data_dir / "backups")
        with pytest.raises(VaultInUse):
            VaultService(data_dir).restore(made[-1], passphrase=PASSPHRASE)
        assert not list(tmp_path.glob("*.before-restore-*"))
    finally:
        vault.close()


def test_the_commands_back_up_and_restore_the_newest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, folder = tmp_path / "data", tmp_path / "usb"
    vault, _recovery = filled(data_dir, new_canary())
    vault.close()
    first = run_cli(capsys, monkeypatch, data_dir, "backup", "--to", str(folder), "--json", env=ENV)
    assert first.code == 0, first.err
    assert json.loads(first.out)["removed"] == 0
    shutil.rmtree(data_dir)
    wrong = run_cli(
        capsys, monkeypatch, data_dir, "restore", "--from", str(folder),
        env={"LIAISON_PASSPHRASE": "wrong wrong wrong"},
    )  # fmt: skip
    assert wrong.code == 2 and not data_dir.exists()
    restored = run_cli(capsys, monkeypatch, data_dir, "restore", "--from", str(folder), env=ENV)
    assert restored.code == 0, restored.err
    assert "liaison verify" in restored.out
    assert run_cli(capsys, monkeypatch, data_dir, "verify", env=ENV).code == 0
    assert os.access(data_dir / "vault.db", os.R_OK)
