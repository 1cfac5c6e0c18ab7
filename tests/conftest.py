"""Shared fixtures: a fresh encrypted vault per test, offscreen Qt, fast key derivation."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt or creates a vault; subprocesses inherit them.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests create hundreds of vaults: use the Argon2id floor (64 MiB, t=3), never below it.
os.environ["LIAISON_KDF_SECONDS"] = "0"
# Tests expect English whatever the machine's language; Welsh tests ask for Welsh explicitly.
os.environ["LANGUAGE"] = "en"

from liaison_desktop.store.vault import Vault

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory of this test's own."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def vault(data_dir: Path) -> Iterator[Vault]:
    """A freshly created, unlocked vault (officer role), closed after the test."""
    created, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Test Officer", role="officer", kdf_target_seconds=0
    )
    try:
        yield created
    finally:
        created.close()


@pytest.fixture
def lead_vault(tmp_path: Path) -> Iterator[Vault]:
    """A freshly created, unlocked safeguarding lead's vault (Dana Lead), closed after the test."""
    created, _recovery = Vault.create(
        tmp_path / "lead", PASSPHRASE, owner_name="Dana Lead", role="lead", kdf_target_seconds=0
    )
    try:
        yield created
    finally:
        created.close()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads a real user's vault, passphrase or settings."""
    for name in (
        "LIAISON_DATA_DIR",
        "LIAISON_PASSPHRASE",
        "LIAISON_NEW_PASSPHRASE",
        "LIAISON_RECOVERY_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
