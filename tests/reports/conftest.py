"""Report fixtures: a lead whose name the reports print, and a folder for the files written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def lead_vault(tmp_path: Path) -> Iterator[Vault]:
    """A lead's vault owned by Gwen Lead (reports say who generated them); overrides the root's."""
    data = tmp_path / "lead-data"
    data.mkdir()
    created, _recovery = Vault.create(
        data, PASSPHRASE, owner_name="Gwen Lead", role="lead", kdf_target_seconds=0
    )
    yield created
    created.close()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the reports a test writes."""
    path = tmp_path / "exports"
    path.mkdir()
    return path
