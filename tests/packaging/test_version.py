"""One version everywhere: About, `liaison --version`, the vault's metadata; an older app
refuses a newer vault, saying which versions and what to do (issue 9, "Version")."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison_desktop import __version__
from liaison_desktop.errors import VaultTooNew
from liaison_desktop.store import migrations
from liaison_desktop.store import vault as vault_module
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
NEWER = "99.1.0"


def _fingerprint(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file()}


def _as_if_a_newer_app_changed_the_format(data_dir: Path) -> None:
    """What a newer release does on open: raise the schema and record its version."""
    vault = Vault.unlock(data_dir, PASSPHRASE)
    vault.set_meta("newest_opened_by_version", NEWER)
    vault.set_meta("last_opened_by_version", NEWER)
    vault.conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    vault.close()


def test_the_version_has_one_source() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    attr = pyproject["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "liaison_desktop.__version__"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_liaison_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    from liaison_desktop.cli.main import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"liaison {__version__}"


def test_a_new_vault_records_the_version_that_created_it(vault: Vault) -> None:
    meta = vault.meta()
    assert meta["created_by_version"] == __version__
    assert meta["last_opened_by_version"] == __version__
    assert meta["newest_opened_by_version"] == __version__


def test_opening_with_a_newer_app_records_it_and_an_older_one_never_lowers_the_newest(
    data_dir: Path, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.close()
    monkeypatch.setattr(vault_module, "__version__", "0.10.0")  # 0.10 is newer than 0.9
    Vault.unlock(data_dir, PASSPHRASE).close()
    monkeypatch.setattr(vault_module, "__version__", "0.9.5")
    with Vault.unlock(data_dir, PASSPHRASE) as reopened:
        meta = reopened.meta()
    assert meta["created_by_version"] == __version__
    assert meta["last_opened_by_version"] == "0.9.5"
    assert meta["newest_opened_by_version"] == "0.10.0"


def test_version_order_is_numeric_not_alphabetical() -> None:
    key = migrations.version_key
    assert key("0.10.0") > key("0.9.9") > key("0.9") > key("")
    assert key("1.2.0rc1") == key("1.2.0")


def test_an_older_app_refuses_a_newer_vault_naming_the_versions(
    data_dir: Path, vault: Vault
) -> None:
    vault.close()
    _as_if_a_newer_app_changed_the_format(data_dir)
    before = _fingerprint(data_dir)
    with pytest.raises(VaultTooNew) as refused:
        Vault.unlock(data_dir, PASSPHRASE)
    message = str(refused.value)
    assert NEWER in message and __version__ in message
    assert "update Liaison Desktop" in message and "Nothing has been changed" in message
    assert _fingerprint(data_dir) == before


def test_a_newer_format_without_a_recorded_version_is_still_refused_plainly(
    data_dir: Path, vault: Vault
) -> None:
    vault.conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 3}")
    vault.conn.execute("DELETE FROM meta WHERE key LIKE '%_version'")
    vault.close()
    with pytest.raises(VaultTooNew, match="update Liaison Desktop") as refused:
        Vault.unlock(data_dir, PASSPHRASE)
    assert __version__ in str(refused.value)


def test_the_cli_refuses_a_newer_vault_with_exit_1_and_the_message(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    vault: Vault,
) -> None:
    vault.close()
    _as_if_a_newer_app_changed_the_format(data_dir)
    result = run_cli(capsys, monkeypatch, data_dir, "info", env={"LIAISON_PASSPHRASE": PASSPHRASE})
    assert result.code == 1
    assert NEWER in result.err and __version__ in result.err
    assert "update Liaison Desktop" in result.err
    assert "Traceback" not in result.err


def test_the_unlock_window_shows_why_a_newer_vault_will_not_open(
    qtbot: QtBot, data_dir: Path, vault: Vault, no_leftover_work: None
) -> None:
    from liaison_desktop.services.vault_service import VaultService
    from liaison_desktop.ui.start.unlock_view import UnlockView

    vault.close()
    _as_if_a_newer_app_changed_the_format(data_dir)
    view = UnlockView(VaultService(data_dir))
    qtbot.addWidget(view)
    view.show()
    view.passphrase_edit.setText(PASSPHRASE)
    view.unlock_button.click()
    qtbot.waitUntil(view.error_label.isVisible, timeout=20_000)
    message = view.error_label.text()
    assert NEWER in message and __version__ in message
    assert "update Liaison Desktop" in message


def test_help_about_shows_the_name_version_icon_and_licence(
    qtbot: QtBot, no_leftover_work: None
) -> None:
    from liaison_desktop.ui.about_dialog import AboutDialog
    from liaison_desktop.ui.main_window import MainWindow

    window = MainWindow("Test Officer", "officer")
    qtbot.addWidget(window)
    window.show()
    help_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&Help"
    )
    assert window.about_action in help_menu.actions()
    window.about_action.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitExposed(dialog)
    assert dialog.parent() is window and dialog.isVisible()
    assert dialog.version_label.text() == f"Version {__version__}"
    assert dialog.name_label.text() == "Liaison Desktop"
    pixmap = dialog.icon_label.pixmap()
    assert not pixmap.isNull() and pixmap.width() >= 64
    assert "licence" in dialog.licence_label.text()
    assert not dialog.windowIcon().isNull()
    dialog.close_button.click()
    assert not dialog.isVisible()
