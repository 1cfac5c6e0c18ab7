"""`liaison passwd` says what it does; `liaison rekey` retires every old copy of the key file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from liaison_desktop.store.vault import KEYS_NAME
from tests.cli.test_vault_commands import NEW, _info, _init
from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, run_cli

Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch
RECOVERY = re.compile(r"\b([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})\b")


def _run(capsys: Cap, monkeypatch: MP, data_dir: Path, *args: str, **env: str) -> CliResult:
    return run_cli(capsys, monkeypatch, data_dir, *args, env=env)


def _family_count(capsys: Cap, monkeypatch: MP, data_dir: Path, passphrase: str) -> int:
    result = _info(capsys, monkeypatch, data_dir, passphrase)
    assert result.code == 0, result.err
    return int(json.loads(result.out)["counts"]["families"])


def _recover(capsys: Cap, monkeypatch: MP, data_dir: Path, key: str) -> CliResult:
    return _run(
        capsys,
        monkeypatch,
        data_dir,
        "recover",
        LIAISON_RECOVERY_KEY=key,
        LIAISON_NEW_PASSPHRASE=NEW + " once more",
    )


def test_passwd_says_an_old_key_file_copy_still_opens_with_the_old_passphrase(
    capsys: Cap, monkeypatch: MP, data_dir: Path, tmp_path: Path
) -> None:
    _init(capsys, monkeypatch, data_dir)
    saved = tmp_path / "vault.keys.copy"
    shutil.copyfile(data_dir / KEYS_NAME, saved)
    result = _run(
        capsys,
        monkeypatch,
        data_dir,
        "passwd",
        LIAISON_PASSPHRASE=PASSPHRASE,
        LIAISON_NEW_PASSPHRASE=NEW,
    )
    assert result.code == 0, result.err
    assert "still opens the vault with the old passphrase" in result.out
    assert "liaison rekey" in result.out
    # What it says is what happens: the old copy, put back, opens with the old passphrase.
    shutil.copyfile(saved, data_dir / KEYS_NAME)
    assert _info(capsys, monkeypatch, data_dir, PASSPHRASE).code == 0


def test_rekey_retires_old_key_file_copies_and_the_old_recovery_key(
    capsys: Cap, monkeypatch: MP, data_dir: Path, tmp_path: Path
) -> None:
    old_recovery = _init(capsys, monkeypatch, data_dir)
    demo = _run(
        capsys, monkeypatch, data_dir, "demo", "--families", "6", LIAISON_PASSPHRASE=PASSPHRASE
    )
    assert demo.code == 0, demo.err
    families = _family_count(capsys, monkeypatch, data_dir, PASSPHRASE)
    saved = tmp_path / "vault.keys.copy"
    shutil.copyfile(data_dir / KEYS_NAME, saved)

    result = _run(capsys, monkeypatch, data_dir, "rekey", LIAISON_PASSPHRASE=PASSPHRASE)
    assert result.code == 0, result.err
    new_recovery = RECOVERY.search(result.out)
    assert new_recovery and new_recovery.group(1) != old_recovery
    assert "no longer open it" in result.out

    # Same passphrase, same records, every check passing.
    assert _family_count(capsys, monkeypatch, data_dir, PASSPHRASE) == families
    verify = _run(capsys, monkeypatch, data_dir, "verify", LIAISON_PASSPHRASE=PASSPHRASE)
    assert verify.code == 0, verify.out + verify.err

    # The old recovery key is refused; the new one works.
    refused = _recover(capsys, monkeypatch, data_dir, old_recovery)
    assert refused.code == 2 and "recovery key is not correct" in refused.err

    # The old key file put back: the old passphrase unwraps it, but the key opens nothing.
    current = data_dir / KEYS_NAME
    shutil.copyfile(current, tmp_path / "vault.keys.new")
    shutil.copyfile(saved, current)
    old = _info(capsys, monkeypatch, data_dir, PASSPHRASE)
    assert old.code != 0
    assert "could not be decrypted" in old.err and "Siân" not in old.out
    shutil.copyfile(tmp_path / "vault.keys.new", current)

    assert _recover(capsys, monkeypatch, data_dir, new_recovery.group(1)).code == 0
    assert _family_count(capsys, monkeypatch, data_dir, NEW + " once more") == families


def test_rekey_with_a_new_passphrase_retires_the_old_one(
    capsys: Cap, monkeypatch: MP, data_dir: Path
) -> None:
    _init(capsys, monkeypatch, data_dir)
    result = _run(
        capsys,
        monkeypatch,
        data_dir,
        "rekey",
        "--new-passphrase",
        LIAISON_PASSPHRASE=PASSPHRASE,
        LIAISON_NEW_PASSPHRASE=NEW,
    )
    assert result.code == 0, result.err
    assert _info(capsys, monkeypatch, data_dir, PASSPHRASE).code == 2
    assert _info(capsys, monkeypatch, data_dir, NEW).code == 0


def test_rekey_refuses_a_weak_new_passphrase_and_changes_nothing(
    capsys: Cap, monkeypatch: MP, data_dir: Path
) -> None:
    _init(capsys, monkeypatch, data_dir)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.name != "vault.lock"}
    result = _run(
        capsys,
        monkeypatch,
        data_dir,
        "rekey",
        "--new-passphrase",
        LIAISON_PASSPHRASE=PASSPHRASE,
        LIAISON_NEW_PASSPHRASE="password",
    )
    assert result.code == 3
    assert (data_dir / KEYS_NAME).read_bytes() == before[KEYS_NAME]
    assert sorted(p.name for p in data_dir.iterdir() if p.name != "vault.lock") == sorted(before)
    assert _info(capsys, monkeypatch, data_dir, PASSPHRASE).code == 0


def test_rekey_with_the_wrong_passphrase_exits_2(
    capsys: Cap, monkeypatch: MP, data_dir: Path
) -> None:
    _init(capsys, monkeypatch, data_dir)
    keys = (data_dir / KEYS_NAME).read_bytes()
    result = _run(capsys, monkeypatch, data_dir, "rekey", LIAISON_PASSPHRASE=NEW)
    assert result.code == 2
    assert (data_dir / KEYS_NAME).read_bytes() == keys
