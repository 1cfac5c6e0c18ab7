"""Certificates travel like operations: in every bundle until the peer acknowledges one that
held them, and again when a new one is issued — so bundles do not grow with the school."""

from __future__ import annotations

from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync.exchange import verify
from tests.conftest import PASSPHRASE

from .world import Member, create_member, pair


def bundle(sender: Member, recipient: Member) -> bytes:
    with Vault.unlock(sender.data_dir, PASSPHRASE) as vault:
        return SyncService(Caseload(vault).ctx).export_bytes(recipient.device_id).data


def certificates_in(data: bytes, recipient: Member) -> set[str]:
    with Vault.unlock(recipient.data_dir, PASSPHRASE) as vault:
        service = SyncService(Caseload(vault).ctx)
        return {c.device_id for c in verify(vault, service.identity, data).certs}


def take(data: bytes, recipient: Member) -> None:
    with Vault.unlock(recipient.data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).import_bytes([data])


def test_certificates_stop_travelling_once_acknowledged_and_new_ones_travel(
    tmp_path: Path,
) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    sam = create_member(tmp_path, "sam", "officer")
    pair(lead, sam)
    first = bundle(lead, sam)
    assert sam.device_id in certificates_in(first, sam)  # Sam learns his certified role
    lost = bundle(lead, sam)  # written, never delivered: not an acknowledgement
    assert certificates_in(lost, sam) == certificates_in(first, sam)
    take(first, sam)
    take(bundle(sam, lead), lead)  # Sam's bundle acknowledges the lead's first
    assert certificates_in(bundle(lead, sam), sam) == set()  # nothing more to carry
    amal = create_member(tmp_path, "amal", "officer")
    pair(lead, amal)  # a new certificate, issued after Sam acknowledged the others
    assert certificates_in(bundle(lead, sam), sam) == {amal.device_id}
