"""Start-up paths import only what they show. The unlock window appears before the storage and
crypto stack, the services, sync, reports and Faker are imported (none is needed until a
passphrase is entered), which keeps time to the first window near a bare Qt window; and
`liaison --version` and `liaison --help` import no command module at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from liaison_desktop.cli.main import COMMANDS
from liaison_desktop.services.vault_service import VAULT_FILE, VaultService
from liaison_desktop.store.vault import DB_NAME, Vault

from .conftest import PASSPHRASE

STORAGE = ("sqlcipher3", "cryptography", "liaison_desktop.store.vault", "liaison_desktop.crypto")
# Heavy or not needed before a command runs or a vault is unlocked: Faker (demo data), reportlab
# and the report modules, the services that read a vault, sync.
LATER = (
    "faker",
    "reportlab",
    "liaison_desktop.reports",
    "liaison_desktop.interchange",
    "liaison_desktop.sync",
    "liaison_desktop.services.",
    "liaison_desktop.store.",
)
# The two services the unlock window asks (is there a vault here? which language, which
# theme?) before anything is unlocked; both are small and import no storage or crypto module.
UNLOCK_WINDOW_SERVICES = (
    "liaison_desktop.services.vault_service",
    "liaison_desktop.services.settings_service",
    "liaison_desktop.store.atomic",  # settings_service's atomic file replace
    "liaison_desktop.store.file_modes",  # owner-only files for it (os and stat only)
)
HEAVY = STORAGE + LATER
PROBE = """
import sys
from PySide6.QtCore import QEventLoop
from liaison_desktop.app import launch
started = launch(["--data-dir", sys.argv[1]])
QEventLoop().processEvents()
shown = [w.__class__.__name__ for w in started.app.topLevelWidgets() if w.isVisible()]
heavy = sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[2].split(","))))
heavy = [m for m in heavy if m not in sys.argv[3].split(",")]
print(",".join(shown) + "|" + ",".join(heavy))
started.close()
"""


CLI_PROBE = """
import sys
from liaison_desktop.cli.main import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:  # --version and --help exit from argparse
    code = exc.code
assert code == 0, code
heavy = sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[1].split(","))))
print("|" + ",".join(heavy))
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
        [
            sys.executable,
            "-c",
            PROBE,
            str(data_dir),
            ",".join(HEAVY),
            ",".join(UNLOCK_WINDOW_SERVICES),
        ],
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


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_import_no_command_module_nor_anything_heavy(argv: list[str]) -> None:
    heavy = (*HEAVY, "liaison_desktop.cli.context", "liaison_desktop.crash_report", "PySide6")
    heavy += tuple(c.module for c in COMMANDS)
    done = subprocess.run(
        [sys.executable, "-c", CLI_PROBE, ",".join(heavy), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "liaison" in done.stdout  # the version line, or the help
    assert done.stdout.strip().splitlines()[-1] == "|", f"imported: {done.stdout.splitlines()[-1]}"


def test_vault_service_knows_a_vault_by_the_same_file_as_the_store(tmp_path: Path) -> None:
    assert VAULT_FILE == DB_NAME
    service = VaultService(tmp_path / "data")
    assert not service.exists()
    vault, _recovery = Vault.create(
        tmp_path / "data", PASSPHRASE, owner_name="Officer", role="officer", kdf_target_seconds=0
    )
    vault.close()
    assert service.exists()


def test_family_list_imports_only_what_listing_needs(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Start-up Officer", role="officer", kdf_target_seconds=0
    )
    vault.close()
    # Caseload builds services on first use and phone numbers are parsed only when checked.
    unneeded = ("faker", "reportlab", "phonenumbers", "PySide6", "liaison_desktop.reports")
    unneeded += ("liaison_desktop.sync", "liaison_desktop.interchange")
    unneeded += ("liaison_desktop.services.engagement", "liaison_desktop.services.retention")
    env = {**os.environ, "LIAISON_PASSPHRASE": PASSPHRASE}
    argv = ["--data-dir", str(data_dir), "family", "list"]
    done = subprocess.run(
        [sys.executable, "-c", CLI_PROBE, ",".join(unneeded), *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "|", f"imported: {done.stdout.splitlines()[-1]}"


# What the first window does without (docs/decisions.md, "First window"): the `Qt` namespace
# (about 20 ms to load on first touch), importlib.resources, the background-op machinery, the
# crash-report builder and the recovery form are all loaded when first used, after it shows.
LEAN_PROBE = """
import sys
import PySide6.QtCore
from PySide6.QtCore import QEventLoop
from liaison_desktop.app import launch
started = launch(["--data-dir", sys.argv[1]])
QEventLoop().processEvents()
loaded = [m for m in sys.argv[2].split(",") if m in sys.modules]
if "Qt" in PySide6.QtCore.__dict__:
    loaded.append("PySide6.QtCore.Qt")
print("|" + ",".join(loaded))
started.close()
"""
NOT_BEFORE_FIRST_WINDOW = (
    "importlib.resources",
    "liaison_desktop.ui.ops",
    "liaison_desktop.ui.vault_ops",
    "liaison_desktop.crash_report",
    "liaison_desktop.ui.file_dialogs",
    "liaison_desktop.ui.clipboard_guard",
    "liaison_desktop.ui.idle_watcher",
    "liaison_desktop.ui.widgets.new_passphrase_form",
)


def test_the_unlock_window_loads_nothing_it_does_not_use_before_it_shows(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Start-up Officer", role="officer", kdf_target_seconds=0
    )
    vault.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", LEAN_PROBE, str(data_dir), ",".join(NOT_BEFORE_FIRST_WINDOW)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.strip().splitlines()[-1].partition("|")[2]
    assert loaded == "", f"loaded before the first window: {loaded}"
