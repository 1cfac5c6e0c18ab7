"""`liaison-desktop --self-test DIR` in this process: the real set-up screens create a vault,
the main window opens with every section, and the session locks (the built-app test runs
the same on the frozen binary)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison_desktop.app import launch
from liaison_desktop.errors import UsageError
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.self_test import SelfTest

PASSPHRASE = "tidy kettle under the maple stairs"


def _run_self_test(qtbot: QtBot, data_dir: Path) -> tuple[int, list[int]]:
    codes: list[int] = []
    started = launch(["--self-test", str(data_dir)])
    try:
        assert started.self_test is not None
        # The real one quits the application; here the exit code is recorded instead.
        started.self_test.stop()
        started.self_test = SelfTest(started.controller, PASSPHRASE, quit_app=codes.append)
        started.self_test.start()
        qtbot.waitUntil(lambda: bool(codes), timeout=60_000)
    finally:
        started.close()
    return codes[0], codes


@pytest.fixture
def existing_vault(tmp_path: Path) -> Path:
    """A folder that already holds a vault, under another passphrase."""
    data_dir = tmp_path / "existing"
    Vault.create(
        data_dir,
        "another passphrase entirely",
        owner_name="A",
        role="officer",
        kdf_target_seconds=0,
    )[0].close()
    return data_dir


def test_self_test_creates_a_vault_through_the_set_up_screens_and_locks(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_leftover_work: None,
) -> None:
    monkeypatch.setenv("LIAISON_PASSPHRASE", PASSPHRASE)
    data_dir = tmp_path / "new"
    code, _codes = _run_self_test(qtbot, data_dir)
    assert code == 0, capsys.readouterr().err
    assert "Self-test passed" in capsys.readouterr().out
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        assert vault.meta()["owner_name"] == "Self-test"


def test_self_test_leaves_an_existing_vault_alone(
    qtbot: QtBot,
    existing_vault: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_leftover_work: None,
) -> None:
    before = {p.name: p.read_bytes() for p in existing_vault.iterdir() if p.suffix != ".lock"}
    monkeypatch.setenv("LIAISON_PASSPHRASE", PASSPHRASE)
    code, _codes = _run_self_test(qtbot, existing_vault)
    assert code == 1
    assert "already holds a vault" in capsys.readouterr().err
    assert {
        p.name: p.read_bytes() for p in existing_vault.iterdir() if p.suffix != ".lock"
    } == before


def test_self_test_without_a_passphrase_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="LIAISON_PASSPHRASE"):
        launch(["--self-test", str(tmp_path / "x")])
    assert not (tmp_path / "x").exists()


def test_self_test_works_without_console_streams_as_a_windowed_windows_program(
    qtbot: QtBot, existing_vault: Path, monkeypatch: pytest.MonkeyPatch, no_leftover_work: None
) -> None:
    # PyInstaller's windowed programs on Windows run with sys.stdout and sys.stderr = None.
    monkeypatch.setenv("LIAISON_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("sys.stderr", None)
    code, _codes = _run_self_test(qtbot, existing_vault)
    assert code == 1
