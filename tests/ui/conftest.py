"""UI test fixtures: real widgets offscreen, a real vault in tmp_path, fast key derivation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from pytestqt.qtbot import QtBot

from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.session_controller import SessionController

from .ui_helpers import NEVER_MS, OP_TIMEOUT_MS, OWNER, PASSPHRASE


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Argon2id floor (64 MiB, t=3), about 0.1 s, instead of the calibrated second."""
    monkeypatch.setenv("LIAISON_KDF_SECONDS", "0")


@pytest.fixture(autouse=True)
def _no_leftover_work() -> Iterator[None]:
    """Each test ends with no background op running and no window awaiting deletion."""
    yield
    QThreadPool.globalInstance().waitForDone(OP_TIMEOUT_MS)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def vaults(data_dir: Path) -> VaultService:
    return VaultService(data_dir)


@pytest.fixture
def settings(data_dir: Path) -> SettingsService:
    return SettingsService(data_dir)


@pytest.fixture
def recovery_key(data_dir: Path) -> str:
    """Create a vault (locked again at once) with PASSPHRASE; returns its recovery key."""
    vault, key = Vault.create(
        data_dir, PASSPHRASE, owner_name=OWNER, role="lead", kdf_target_seconds=0
    )
    vault.close()
    return key


ControllerFactory = Callable[..., SessionController]


@pytest.fixture
def make_controller(
    qtbot: QtBot, vaults: VaultService, settings: SettingsService
) -> Iterator[ControllerFactory]:
    """Builds session controllers; each is shut down (vault closed) after the test."""
    made: list[SessionController] = []

    def make(idle_interval_ms: int | None = NEVER_MS) -> SessionController:
        controller = SessionController(vaults, settings, idle_interval_ms=idle_interval_ms)
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()


@pytest.fixture
def controller(make_controller: ControllerFactory) -> SessionController:
    return make_controller()
