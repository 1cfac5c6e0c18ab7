"""The entry point: arguments, the data directory and the throwaway demo vault.

`launch()` is tested rather than `main()`: running and quitting the shared QApplication's
event loop inside the test process would leave it unusable for the tests after.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison_desktop import app
from liaison_desktop.errors import EXIT_USAGE
from liaison_desktop.services.caseload import Caseload


def test_unknown_argument_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        app.main(["--no-such-option"])
    assert exit_info.value.code == EXIT_USAGE


def test_demo_vault_is_an_unlocked_lead_vault_with_fictional_families(tmp_path: Path) -> None:
    vault = app._open_demo_vault(tmp_path / "demo")
    try:
        assert vault.is_open
        assert vault.meta()["role"] == "lead"
        families = Caseload(vault).families.all()
        assert len(families) == app.DEMO_FAMILIES
        assert all("Demo data" in (f.get("key_facts") or "") for f in families)
    finally:
        vault.close()


def test_demo_opens_the_main_window_and_is_thrown_away(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp_root = tmp_path / "temp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))

    started = app.launch(["--demo"])
    try:
        window = started.controller.main_window
        assert window is not None and window.isVisible()
        assert started.demo_dir is not None
        assert started.demo_dir.parent == temp_root
        assert (started.demo_dir / "vault.db").exists()
    finally:
        started.close()
    assert list(temp_root.iterdir()) == []  # the throwaway vault is gone
    assert started.controller.vault is None


def test_data_dir_argument_starts_set_up_in_that_folder(qtbot: QtBot, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    started = app.launch(["--data-dir", str(chosen)])
    try:
        view = started.controller.create_view
        assert view is not None and view.isVisible()
        assert started.controller.unlock_view is None
    finally:
        started.close()


def test_python_m_liaison_desktop_shows_usage(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "liaison_desktop", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert "--demo" in done.stdout and "--data-dir" in done.stdout
