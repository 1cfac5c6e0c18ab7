"""A paired insider cannot make itself a lead (issue 15): roles come from the lead's certificates.

The attack found against the shipped app: an officer sets its own vault's role to "lead" (its
key then claims lead, with the same fingerprint), the lead re-adds the key and starts sending
it every family, and a second officer who accepts the key takes its "revocation" of the real
lead. Each test plays one step with real vaults, the real CLI and real bundles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.errors import EXIT_OK, EXIT_REJECTED, InputRejected
from liaison_desktop.services.allocations_service import AllocationsService
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync import bundle as fmt
from liaison_desktop.sync.identity import DeviceIdentity, parse_public_key
from liaison_desktop.sync.peers import get_peer, is_certified_lead, is_revoked
from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, run_cli
from tests.sync.world import Member, create_member, pair, snapshot

# The audit entry of a bundle sealed by hand: an empty log (sync/audit_anchor.py).
NO_AUDIT = {"head": [0, "0" * 64], "marks": []}

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch
FAMILIES = 12
COLLEAGUE = "c0" * 16  # another device of the school, in a forged revocation


def cli(capsys: Cap, monkeypatch: MP, member: Member, *args: str) -> CliResult:
    return run_cli(capsys, monkeypatch, member.data_dir, *args, env=ENV)


def send(src: Member, dst: Member) -> bytes:
    """The next real bundle from `src` for `dst`."""
    with Vault.unlock(src.data_dir, PASSPHRASE) as vault:
        return SyncService(Caseload(vault).ctx).export_bytes(dst.device_id).data


def receive(dst: Member, data: bytes) -> int:
    """Import one bundle; how many revocations it brought."""
    with Vault.unlock(dst.data_dir, PASSPHRASE) as vault:
        return sum(r.revocations for r in SyncService(Caseload(vault).ctx).import_bytes([data]))


def family_count(member: Member) -> int:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        return len(Caseload(vault).families.all())


def promote_itself(member: Member) -> str:
    """What the insider did: set its own vault's role to lead with the library; its new key."""
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        vault.set_meta("role", "lead")
        return SyncService(Caseload(vault).ctx).device().public_key


@pytest.fixture
def school(tmp_path: Path) -> dict[str, Member]:
    """A lead with 12 families; Sam holds one, Kim another; Sam and Kim trust each other."""
    lead = create_member(tmp_path, "lead", "lead")
    sam = create_member(tmp_path, "sam", "officer")
    kim = create_member(tmp_path, "kim", "officer")
    pair(lead, sam)
    pair(lead, kim)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        ids = [caseload.families.create({"name": f"Family {i}"}).id for i in range(FAMILIES)]
        AllocationsService(caseload.ctx).allocate(ids[0], sam.device_id)
        AllocationsService(caseload.ctx).allocate(ids[1], kim.device_id)
    pair(sam, kim, via=lead)  # each has had one bundle from the lead, with its certificates
    return {"lead": lead, "sam": sam, "kim": kim}


def test_the_self_promoted_key_claims_lead_and_reads_out_a_different_fingerprint(
    school: dict[str, Member],
) -> None:
    sam = school["sam"]
    before = parse_public_key(sam.public_key)
    after = parse_public_key(promote_itself(sam))
    assert (before.role, after.role) == ("officer", "lead")
    assert (after.device_id, after.x25519, after.ed25519) == (
        before.device_id,
        before.x25519,
        before.ed25519,
    )
    assert after.fingerprint != before.fingerprint


def test_the_lead_refuses_the_self_promoted_key_unless_it_certifies_it_as_lead(
    school: dict[str, Member], capsys: Cap, monkeypatch: MP
) -> None:
    lead, sam = school["lead"], school["sam"]
    key = promote_itself(sam)
    shown = json.loads(cli(capsys, monkeypatch, sam, "device", "show", "--json").out)
    assert (shown["role"], shown["certified_role"]) == ("lead", "officer")

    before = snapshot(lead)
    refused = cli(capsys, monkeypatch, lead, "peer", "add", "--key", key)
    assert refused.code == EXIT_REJECTED
    assert "certified as officer" in refused.err and "now says lead" in refused.err
    assert "--role lead" in refused.err
    assert snapshot(lead) == before
    listed = json.loads(cli(capsys, monkeypatch, lead, "peer", "list", "--json").out)
    assert {p["device_id"]: p["role"] for p in listed}[sam.device_id] == "officer"
    # The lead still writes Sam an officer's bundle: the one family allocated to Sam.
    receive(sam, send(lead, sam))
    assert family_count(sam) == 1

    certified = cli(capsys, monkeypatch, lead, "peer", "add", "--role", "lead", "--key", key)
    assert certified.code == EXIT_OK, certified.err
    assert "certified lead" in certified.out
    listed = json.loads(cli(capsys, monkeypatch, lead, "peer", "list", "--json").out)
    row = {p["device_id"]: p for p in listed}[sam.device_id]
    assert (row["role"], row["certified"], row["claimed_role"]) == ("lead", True, "lead")
    receive(sam, send(lead, sam))
    assert family_count(sam) == FAMILIES  # now, and only now, a lead's bundle


def test_a_new_key_that_says_lead_is_certified_as_lead_only_when_the_lead_says_so(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    deputy = create_member(tmp_path, "deputy", "lead")
    before = snapshot(lead)
    refused = cli(capsys, monkeypatch, lead, "peer", "add", "--key", deputy.public_key)
    assert refused.code == EXIT_REJECTED and "deputy safeguarding lead" in refused.err
    assert snapshot(lead) == before
    as_officer = cli(
        capsys, monkeypatch, lead, "peer", "add", "--role", "officer", "--key", deputy.public_key
    )
    assert as_officer.code == EXIT_OK, as_officer.err
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        assert not is_certified_lead(vault, deputy.device_id)
        Caseload(vault).families.create({"name": "Not allocated to anyone"})
        sync = SyncService(Caseload(vault).ctx)
        assert [p.role for p in sync.peers()] == ["officer"]  # its key still says lead
        assert sync.export_bytes(deputy.device_id).ops == 0  # an officer's bundle
    as_lead = cli(
        capsys, monkeypatch, lead, "peer", "add", "--role", "lead", "--key", deputy.public_key
    )
    assert as_lead.code == EXIT_OK, as_lead.err
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        assert is_certified_lead(vault, deputy.device_id)
    text = cli(capsys, monkeypatch, lead, "peer", "list").out
    assert "certified lead" in text


def test_another_officer_refuses_the_self_promoted_key_and_its_revocation_of_the_lead(
    school: dict[str, Member],
) -> None:
    lead, sam, kim = school["lead"], school["sam"], school["kim"]
    key = promote_itself(sam)
    before = snapshot(kim)
    with (
        Vault.unlock(kim.data_dir, PASSPHRASE) as vault,
        pytest.raises(InputRejected, match="as officer, but its key now says lead"),
    ):
        SyncService(Caseload(vault).ctx).add_peer(None, key)
    assert snapshot(kim) == before

    # The insider "revokes" the real lead and sends Kim its bundle, as a lead would.
    with Vault.unlock(sam.data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).revoke_peer(lead.device_id)
    assert receive(kim, send(sam, kim)) == 0
    # ... and a bundle it writes by hand, claiming the lead itself signed the revocation.
    with Vault.unlock(sam.data_dir, PASSPHRASE) as vault:
        identity = DeviceIdentity.load(vault)
        peer = get_peer(vault, kim.device_id)
        assert peer is not None
        forged, _id = fmt.seal(
            signing_key=identity.ed25519_private,
            sender=identity.device_id,
            recipients=[(peer.device_id, peer.x25519)],
            seq=10,
            prev="",
            ack=[],
            body={
                "ops": [],
                "purge": [],
                "revoked": [
                    {"device": device, "at": "2026-01-01T00:00:00+00:00", "by": by}
                    for device in (lead.device_id, COLLEAGUE)
                    for by in (lead.device_id, sam.device_id)
                ],
                "certs": [],
                "audit": NO_AUDIT,
            },
        )
    assert receive(kim, forged) == 0
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        assert not is_revoked(vault, lead.device_id)
        assert not is_revoked(vault, COLLEAGUE)
        assert is_certified_lead(vault, lead.device_id)
        assert not is_certified_lead(vault, sam.device_id)
    # Kim goes on taking the real lead's bundles.
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        family = caseload.families.create({"name": "Newly allocated"})
        AllocationsService(caseload.ctx).allocate(family.id, kim.device_id)
    receive(kim, send(lead, kim))
    assert family_count(kim) == 2


def test_the_self_promoted_vault_does_not_start_certifying_devices(
    school: dict[str, Member], tmp_path: Path
) -> None:
    sam = school["sam"]
    stranger = create_member(tmp_path, "stranger", "officer")
    promote_itself(sam)
    with Vault.unlock(sam.data_dir, PASSPHRASE) as vault:
        sync = SyncService(Caseload(vault).ctx)
        assert not sync.is_lead_vault()  # its lead certified it as an officer
        with pytest.raises(InputRejected, match="not certified this device"):
            sync.add_peer(None, stranger.public_key)
        assert stranger.device_id not in {p.device_id for p in sync.peers()}
