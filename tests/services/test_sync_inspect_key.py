"""SyncService.inspect_key: what a pasted key says, before anyone trusts it."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison_desktop.errors import InputRejected
from liaison_desktop.services.context import ServiceContext
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE


def test_inspect_key_shows_the_fingerprint_the_other_device_shows_and_trusts_nothing(
    vault: Vault, tmp_path: Path
) -> None:
    lead, _key = Vault.create(
        tmp_path / "lead", PASSPHRASE, owner_name="Lead Person", role="lead", kdf_target_seconds=0
    )
    try:
        theirs = SyncService(ServiceContext.open(lead)).device()
        mine = SyncService(ServiceContext.open(vault))
        seen = mine.inspect_key("  " + theirs.public_key + "\n")
        assert (seen.fingerprint, seen.name, seen.role, seen.device_id) == (
            theirs.fingerprint,
            "Lead Person",
            "lead",
            theirs.device_id,
        )
        assert mine.peers() == []
    finally:
        lead.close()


def test_inspect_key_refuses_this_devices_own_key_and_a_damaged_one(vault: Vault) -> None:
    sync = SyncService(ServiceContext.open(vault))
    own = sync.device().public_key
    with pytest.raises(InputRejected):
        sync.inspect_key(own)
    with pytest.raises(InputRejected):
        sync.inspect_key(own[:-3] + ("A" if own[-3] != "A" else "B") + own[-2:])
