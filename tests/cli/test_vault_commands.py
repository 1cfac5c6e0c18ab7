"""`liaison init/info/verify/passwd/recover`: exit codes and passphrase rules of DESIGN §7."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from liaison_desktop.store.vault import DB_NAME, KEYS_NAME
from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, run_cli, run_cli_process

NEW = "a different long passphrase"
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


def _init(capsys: Cap, monkeypatch: MP, data_dir: Path, role: str = "officer") -> str:
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "init",
        "--name",
        "Siân Ng",
        "--role",
        role,
        env={"LIAISON_PASSPHRASE": PASSPHRASE},
    )
    assert result.code == 0, result.err
    match = re.search(r"\b([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})\b", result.out)
    assert match, result.out
    return match.group(1)


def _info(capsys: Cap, monkeypatch: MP, data_dir: Path, passphrase: str) -> CliResult:
    return run_cli(
        capsys, monkeypatch, data_dir, "info", "--json", env={"LIAISON_PASSPHRASE": passphrase}
    )


def test_init_then_info_reports_owner_and_role(
    capsys: Cap, monkeypatch: MP, data_dir: Path
) -> None:
    _init(capsys, monkeypatch, data_dir, role="lead")
    result = _info(capsys, monkeypatch, data_dir, PASSPHRASE)
    assert result.code == 0
    info = json.loads(result.out)
    assert info["owner_name"] == "Siân Ng" and info["role"] == "lead"
    assert len(info["device_id"]) == 32


def test_init_refuses_a_weak_passphrase(capsys: Cap, monkeypatch: MP, data_dir: Path) -> None:
    result = run_cli(
        capsys, monkeypatch, data_dir, "init", "--name", "A", env={"LIAISON_PASSPHRASE": "short"}
    )
    assert result.code == 3
    assert "at least 12 characters" in result.err
    assert not (data_dir / DB_NAME).exists()


def test_wrong_passphrase_exits_2_without_traceback(data_dir: Path) -> None:
    created = run_cli_process(
        data_dir, "init", "--name", "A", env={"LIAISON_PASSPHRASE": PASSPHRASE}
    )
    assert created.code == 0
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.name != "vault.lock"}
    result = run_cli_process(data_dir, "info", env={"LIAISON_PASSPHRASE": "wrong one entirely"})
    assert result.code == 2
    assert "passphrase is not correct" in result.err
    assert "Traceback" not in result.err + result.out
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.name != "vault.lock"}
    assert after == before


def test_no_vault_exits_2(capsys: Cap, monkeypatch: MP, tmp_path: Path) -> None:
    result = run_cli(
        capsys, monkeypatch, tmp_path / "none", "info", env={"LIAISON_PASSPHRASE": PASSPHRASE}
    )
    assert result.code == 2 and "no vault" in result.err


def test_usage_errors_exit_64(capsys: Cap, monkeypatch: MP, data_dir: Path) -> None:
    assert run_cli(capsys, monkeypatch, data_dir, "no-such-command").code == 64
    assert run_cli(capsys, monkeypatch, data_dir, "init").code == 64  # --name missing


def test_passphrase_file_is_read_and_trailing_newline_ignored(
    capsys: Cap, monkeypatch: MP, data_dir: Path, tmp_path: Path
) -> None:
    _init(capsys, monkeypatch, data_dir)
    pfile = tmp_path / "pass.txt"
    pfile.write_text(PASSPHRASE + "\n", encoding="utf-8")
    result = run_cli(capsys, monkeypatch, data_dir, "--passphrase-file", str(pfile), "info")
    assert result.code == 0, result.err


def test_without_a_terminal_or_env_the_passphrase_is_asked_for_clearly(data_dir: Path) -> None:
    run_cli_process(data_dir, "init", "--name", "A", env={"LIAISON_PASSPHRASE": PASSPHRASE})
    result = run_cli_process(data_dir, "info", stdin="")
    assert result.code == 64
    assert "LIAISON_PASSPHRASE" in result.err


def test_passwd_then_old_fails_and_new_opens(capsys: Cap, monkeypatch: MP, data_dir: Path) -> None:
    _init(capsys, monkeypatch, data_dir)
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "passwd",
        env={"LIAISON_PASSPHRASE": PASSPHRASE, "LIAISON_NEW_PASSPHRASE": NEW},
    )
    assert result.code == 0, result.err
    assert _info(capsys, monkeypatch, data_dir, PASSPHRASE).code == 2
    assert _info(capsys, monkeypatch, data_dir, NEW).code == 0


def test_passwd_refuses_weak_new_passphrase(capsys: Cap, monkeypatch: MP, data_dir: Path) -> None:
    _init(capsys, monkeypatch, data_dir)
    keys_before = (data_dir / KEYS_NAME).read_bytes()
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "passwd",
        env={"LIAISON_PASSPHRASE": PASSPHRASE, "LIAISON_NEW_PASSPHRASE": "password"},
    )
    assert result.code == 3
    assert (data_dir / KEYS_NAME).read_bytes() == keys_before


def test_recover_sets_a_new_passphrase(capsys: Cap, monkeypatch: MP, data_dir: Path) -> None:
    recovery = _init(capsys, monkeypatch, data_dir)
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "recover",
        env={"LIAISON_RECOVERY_KEY": recovery, "LIAISON_NEW_PASSPHRASE": NEW},
    )
    assert result.code == 0, result.err
    assert _info(capsys, monkeypatch, data_dir, NEW).code == 0
    assert _info(capsys, monkeypatch, data_dir, PASSPHRASE).code == 2
    bad = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "recover",
        env={
            "LIAISON_RECOVERY_KEY": "0000-0000-0000-0000-0000-0000-0000-0000",
            "LIAISON_NEW_PASSPHRASE": NEW + " again",
        },
    )
    assert bad.code == 2 and "recovery key is not correct" in bad.err


def test_verify_passes_on_a_sound_vault(capsys: Cap, monkeypatch: MP, data_dir: Path) -> None:
    _init(capsys, monkeypatch, data_dir)
    result = run_cli(
        capsys, monkeypatch, data_dir, "verify", "--json", env={"LIAISON_PASSPHRASE": PASSPHRASE}
    )
    assert result.code == 0
    assert json.loads(result.out) == {"ok": True, "problems": []}


def test_verify_fails_clearly_on_flipped_bytes(
    capsys: Cap, monkeypatch: MP, data_dir: Path
) -> None:
    _init(capsys, monkeypatch, data_dir)
    db = data_dir / DB_NAME
    pristine = db.read_bytes()
    reported_in_use = 0
    for pos in (0, 1000, len(pristine) // 2, len(pristine) - 5):
        damaged = bytearray(pristine)
        damaged[pos] ^= 0x40
        db.write_bytes(bytes(damaged))
        result = run_cli(
            capsys, monkeypatch, data_dir, "verify", env={"LIAISON_PASSPHRASE": PASSPHRASE}
        )
        assert result.code != 0, f"flip at {pos} passed verify"
        assert "damaged" in (result.out + result.err)
        assert "Traceback" not in result.out + result.err
        # Normal use reports the damage when it reaches it, instead of crashing.
        info = run_cli(
            capsys, monkeypatch, data_dir, "info", env={"LIAISON_PASSPHRASE": PASSPHRASE}
        )
        assert "Traceback" not in info.out + info.err
        if info.code != 0:
            assert info.code == 1 and "damaged" in info.err
            reported_in_use += 1
    assert reported_in_use >= 1  # byte 0 (the salt) spoils every page


def test_cli_path_imports_no_qt(data_dir: Path) -> None:
    code = (
        "import sys; from liaison_desktop.cli.main import main; "
        "rc = main(['--data-dir', sys.argv[1], 'init', '--name', 'Q']); "
        "assert rc == 0, rc; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
        "print('QT:' + ','.join(bad))"
    )
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "LIAISON_PASSPHRASE": PASSPHRASE},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "QT:\n" in proc.stdout or proc.stdout.strip().endswith("QT:")
