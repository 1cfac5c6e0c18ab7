"""Deputy leads and succession, through real bundles: a concern reaches every lead device and
one lead's acknowledgement is seen by all; the lead's laptop is lost, the deputy revokes it
and carries on with the officer; a new laptop for the lead is set up from the deputy and
holds the whole caseload."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync.bundle import BundleRejected
from tests.conftest import PASSPHRASE

from .world import Member, create_member, pair


def send(src: Member, dst: Member) -> bytes:
    with Vault.unlock(src.data_dir, PASSPHRASE) as vault:
        return SyncService(Caseload(vault).ctx).export_bytes(dst.device_id).data


def receive(dst: Member, data: bytes) -> None:
    with Vault.unlock(dst.data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).import_bytes([data])


def exchange(a: Member, b: Member) -> None:
    receive(b, send(a, b))
    receive(a, send(b, a))


def certify_lead(issuer: Member, new_lead: Member, *others: Member) -> None:
    """`issuer` (a lead) certifies `new_lead` as a lead; the new laptop trusts them all."""
    with Vault.unlock(issuer.data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).add_peer(None, new_lead.public_key, role="lead")
    with Vault.unlock(new_lead.data_dir, PASSPHRASE) as vault:
        service = SyncService(Caseload(vault).ctx)
        service.add_peer(None, issuer.public_key, role="lead")
        for other in others:
            service.add_peer(None, other.public_key)


def concern_stage(member: Member, concern_id: str) -> str:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        return Caseload(vault).concerns.view(concern_id).stage


def families(member: Member) -> list[str]:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        return sorted(str(f["name"]) for f in Caseload(vault).families.all())


def test_a_deputy_carries_on_after_the_lead_laptop_is_lost(tmp_path: Path) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    kim = create_member(tmp_path, "kim", "officer")
    deputy = create_member(tmp_path, "deputy", "lead")
    pair(lead, kim)
    certify_lead(lead, deputy, kim)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        family = c.families.create({"name": "Nowak family"}).id
        c.allocations.allocate(family, kim.device_id, "Kim")
    exchange(lead, kim)  # Kim gets the family and learns the deputy's certificate
    exchange(lead, deputy)  # the deputy holds the whole caseload

    # Kim raises a concern: it reaches both lead devices.
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        concern = Caseload(vault).concerns.raise_concern(family, "Bruise on the arm")
    receive(lead, send(kim, lead))
    receive(deputy, send(kim, deputy))
    assert concern_stage(lead, concern.id) == concern_stage(deputy, concern.id) == "raised"
    # The deputy acknowledges; the lead and Kim see it.
    with Vault.unlock(deputy.data_dir, PASSPHRASE) as vault:
        Caseload(vault).concerns.acknowledge(concern.id, "Seen; calling the family today")
    exchange(deputy, lead)
    exchange(deputy, kim)
    assert concern_stage(lead, concern.id) == "acknowledged"
    assert concern_stage(kim, concern.id) == "acknowledged"

    # The lead's laptop is lost: the deputy revokes it and carries on with Kim.
    with Vault.unlock(deputy.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        SyncService(c.ctx).revoke_peer(lead.device_id)
        second = c.families.create({"name": "Ahmed family"}).id
        c.allocations.allocate(second, kim.device_id, "Kim")
    exchange(deputy, kim)
    assert families(kim) == ["Ahmed family", "Nowak family"]
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        Caseload(vault).notes.create(
            {"family_id": second, "text": "First visit", "status": "final"}
        )
    receive(deputy, send(kim, deputy))
    with Vault.unlock(deputy.data_dir, PASSPHRASE) as vault:
        texts = [str(n["text"]) for n in Caseload(vault).ctx.store.query("note", "")]
    assert "First visit" in texts
    with pytest.raises(BundleRejected, match="revoked"):
        receive(kim, send(lead, kim))  # whoever has the lost laptop can no longer sync

    # A new laptop for the lead is set up from the deputy and holds the whole caseload.
    new_lead = create_member(tmp_path, "new-lead", "lead")
    certify_lead(deputy, new_lead, kim)
    receive(new_lead, send(deputy, new_lead))
    assert families(new_lead) == ["Ahmed family", "Nowak family"]
    assert concern_stage(new_lead, concern.id) == "acknowledged"
    receive(kim, send(deputy, kim))  # Kim hears of the new lead laptop from the deputy
    receive(new_lead, send(kim, new_lead))
    with Vault.unlock(new_lead.data_dir, PASSPHRASE) as vault:
        texts = [str(n["text"]) for n in Caseload(vault).ctx.store.query("note", "")]
    assert "First visit" in texts
