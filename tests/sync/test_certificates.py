"""Device certificates (issue 15): signed by a lead, carried in bundles, checked on arrival.

Real vaults, real keys and real bundles: a certificate that is forged, signed by an officer or
names other keys refuses the whole bundle (vault unchanged); a deputy lead certified by the
lead is a lead to officers and may revoke; newer certificates replace older ones; vaults
paired before certificates existed are given them by the migration.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from liaison_desktop.errors import InputRejected
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store import migrations
from liaison_desktop.store.vault import Vault, now_utc
from liaison_desktop.sync import bundle as fmt
from liaison_desktop.sync import certificates
from liaison_desktop.sync.bundle import BundleRejected
from liaison_desktop.sync.identity import (
    DeviceIdentity,
    PublicIdentity,
    fingerprint,
    parse_public_key,
)
from liaison_desktop.sync.peers import get_peer, is_certified_lead, is_revoked, list_peers
from tests.conftest import PASSPHRASE
from tests.sync.world import Member, create_member, pair, snapshot

# The audit entry of a bundle sealed by hand: an empty log (sync/audit_anchor.py).
NO_AUDIT = {"head": [0, "0" * 64], "marks": []}


def service(vault: Vault) -> SyncService:
    return SyncService(Caseload(vault).ctx)


def send(src: Member, dst: Member) -> bytes:
    with Vault.unlock(src.data_dir, PASSPHRASE) as vault:
        return service(vault).export_bytes(dst.device_id).data


def receive(dst: Member, data: bytes) -> int:
    """Import one bundle; how many revocations it brought."""
    with Vault.unlock(dst.data_dir, PASSPHRASE) as vault:
        return sum(r.revocations for r in service(vault).import_bytes([data]))


def seal(src: Member, dst: Member, body: dict[str, Any], seq: int) -> bytes:
    """A correctly signed bundle with any body, as a misbehaving trusted peer could write."""
    with Vault.unlock(src.data_dir, PASSPHRASE) as vault:
        identity = DeviceIdentity.load(vault)
        peer = get_peer(vault, dst.device_id)
        assert peer is not None
        data, _id = fmt.seal(
            signing_key=identity.ed25519_private,
            sender=identity.device_id,
            recipients=[(peer.device_id, peer.x25519)],
            seq=seq,
            prev="",
            ack=[],
            body=body,
        )
    return data


def carrying(certs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"ops": [], "purge": [], "revoked": [], "certs": certs, "audit": NO_AUDIT}


def certify(
    issuer: Member, subject: Member, role: str, *, keys_of: Member | None = None, **after: Any
) -> dict[str, Any]:
    """A certificate signed with `issuer`'s real key for `subject`.

    `keys_of` signs another device's keys under the subject's id; `after` alters fields once
    signed (a forgery).
    """
    with Vault.unlock(issuer.data_dir, PASSPHRASE) as vault:
        identity = DeviceIdentity.load(vault)
    public = parse_public_key(subject.public_key)
    if keys_of is not None:
        other = parse_public_key(keys_of.public_key)
        public = PublicIdentity(public.device_id, public.name, role, other.x25519, other.ed25519)
    cert = certificates.issue(identity, public, role, "", now_utc().replace("+00:00", ".5+00:00"))
    if after:
        cert = certificates.Certificate(**{**cert.__dict__, **after})
    return cert.document()


def resign(issuer: Member, doc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A certificate document altered, then properly signed again by `issuer`."""
    with Vault.unlock(issuer.data_dir, PASSPHRASE) as vault:
        identity = DeviceIdentity.load(vault)
    payload = {k: v for k, v in {**doc, **changes}.items() if k != "sig"}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    signature = identity.ed25519_private.sign(certificates.CERT_CONTEXT + canonical.encode())
    return {**payload, "sig": base64.urlsafe_b64encode(signature).rstrip(b"=").decode()}


def role_in(member: Member, device_id: str) -> str | None:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        peer = get_peer(vault, device_id)
        return peer.role if peer is not None else None


@pytest.fixture
def school(tmp_path: Path) -> dict[str, Member]:
    """A lead, two officers (Sam, Kim) paired with it, and Eve, a device nobody certified."""
    lead = create_member(tmp_path, "lead", "lead")
    sam = create_member(tmp_path, "sam", "officer")
    kim = create_member(tmp_path, "kim", "officer")
    eve = create_member(tmp_path, "eve", "officer")
    pair(lead, sam)
    pair(lead, kim)
    receive(kim, send(lead, kim))
    return {"lead": lead, "sam": sam, "kim": kim, "eve": eve}


@pytest.mark.parametrize("case", ["bad signature", "signed by an officer", "different keys"])
def test_a_bad_certificate_refuses_the_bundle_and_changes_nothing(
    school: dict[str, Member], case: str
) -> None:
    lead, sam, kim, eve = school["lead"], school["sam"], school["kim"], school["eve"]
    bad = {
        "bad signature": lambda: certify(lead, sam, "officer", name="Someone else"),
        "signed by an officer": lambda: certify(sam, eve, "lead"),
        "different keys": lambda: certify(lead, sam, "officer", keys_of=eve),
    }[case]()
    before = snapshot(kim)
    with pytest.raises(BundleRejected, match="certificate"):
        receive(kim, seal(lead, kim, carrying([bad]), seq=50))
    assert snapshot(kim) == before
    # The same hand-made bundle with a good certificate goes in: only the certificate was wrong.
    receive(kim, seal(lead, kim, carrying([certify(lead, sam, "officer")]), seq=51))
    assert role_in(kim, sam.device_id) is None  # known by certificate, not yet a peer


@pytest.mark.parametrize("case", ["too many", "name too long", "extra key"])
def test_certificates_are_bounded_in_count_size_and_shape(
    school: dict[str, Member], case: str
) -> None:
    lead, sam, kim = school["lead"], school["sam"], school["kim"]
    good = certify(lead, sam, "officer")
    certs = {
        "too many": [good] * (certificates.MAX_CERTS + 1),
        "name too long": [resign(lead, certify(lead, sam, "officer"), n="N" * 201)],
        "extra key": [{**good, "note": "x"}],
    }[case]
    before = snapshot(kim)
    with pytest.raises(BundleRejected, match="refused"):
        receive(kim, seal(lead, kim, carrying(certs), seq=90))
    assert snapshot(kim) == before


def test_a_certificate_revoked_issuer_or_subject_is_left_out_without_refusing(
    school: dict[str, Member],
) -> None:
    lead, sam, kim = school["lead"], school["sam"], school["kim"]
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        service(vault).add_peer(None, sam.public_key)  # certified by the lead's first bundle
        service(vault).revoke_peer(sam.device_id)
    receive(kim, seal(lead, kim, carrying([certify(lead, sam, "lead")]), seq=60))
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        assert not is_certified_lead(vault, sam.device_id)
        held = certificates.stored(vault, sam.device_id)
        assert held is not None and held.role == "officer"


def add_deputy(school: dict[str, Member], deputy: Member) -> None:
    """The lead certifies a deputy's laptop as lead; Kim hears of it in the lead's bundle."""
    lead, sam, kim = school["lead"], school["sam"], school["kim"]
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        service(vault).add_peer(None, deputy.public_key, role="lead")
    with Vault.unlock(deputy.data_dir, PASSPHRASE) as vault:
        service(vault).add_peer(None, lead.public_key, role="lead")
        service(vault).add_peer(None, kim.public_key)
        service(vault).add_peer(None, sam.public_key)
    receive(kim, send(lead, kim))  # carries the deputy's certificate


def test_a_trust_root_is_not_revoked_in_its_own_name(
    school: dict[str, Member], tmp_path: Path
) -> None:
    lead, kim = school["lead"], school["kim"]
    deputy = create_member(tmp_path, "deputy", "lead")
    add_deputy(school, deputy)
    own_name = {"device": lead.device_id, "at": now_utc(), "by": lead.device_id}
    assert receive(kim, seal(deputy, kim, {**carrying([]), "revoked": [own_name]}, 40)) == 0
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        assert not is_revoked(vault, lead.device_id)
    by_deputy = {**own_name, "by": deputy.device_id}
    assert receive(kim, seal(deputy, kim, {**carrying([]), "revoked": [by_deputy]}, 42)) == 1


def test_a_deputy_certified_by_the_lead_is_a_lead_to_officers_and_may_revoke(
    school: dict[str, Member], tmp_path: Path
) -> None:
    lead, sam, kim = school["lead"], school["sam"], school["kim"]
    deputy = create_member(tmp_path, "deputy", "lead")
    with (
        Vault.unlock(kim.data_dir, PASSPHRASE) as vault,
        pytest.raises(InputRejected, match="Deputy leads reach you"),
    ):
        service(vault).add_peer(None, deputy.public_key)  # not in person, not certified
    add_deputy(school, deputy)
    assert role_in(kim, deputy.device_id) == "lead"  # trusted without pairing again
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        assert is_certified_lead(vault, deputy.device_id)
        assert certificates.trust_roots(vault) == {lead.device_id}

    with Vault.unlock(deputy.data_dir, PASSPHRASE) as vault:
        service(vault).revoke_peer(sam.device_id)
    assert receive(kim, send(deputy, kim)) == 1
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        assert is_revoked(vault, sam.device_id)

    # The lead's laptop is lost: the deputy revokes it, and Kim carries on with the deputy.
    with Vault.unlock(deputy.data_dir, PASSPHRASE) as vault:
        service(vault).revoke_peer(lead.device_id)
    assert receive(kim, send(deputy, kim)) == 1
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        assert is_revoked(vault, lead.device_id)
        assert is_certified_lead(vault, deputy.device_id)
    with pytest.raises(BundleRejected, match="revoked"):
        receive(kim, send(lead, kim))


def test_a_revocation_made_by_an_officer_does_not_bind_even_relayed_by_the_lead(
    school: dict[str, Member],
) -> None:
    lead, sam, kim = school["lead"], school["sam"], school["kim"]
    by_officer = {"device": sam.device_id, "at": now_utc(), "by": kim.device_id}
    by_lead = {**by_officer, "by": lead.device_id}
    assert receive(kim, seal(lead, kim, {**carrying([]), "revoked": [by_officer]}, 80)) == 0
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        assert not is_revoked(vault, sam.device_id)
    assert receive(kim, seal(lead, kim, {**carrying([]), "revoked": [by_lead]}, 82)) == 1
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        assert is_revoked(vault, sam.device_id)


def test_a_newer_certificate_replaces_an_older_one_and_an_older_one_is_ignored(
    school: dict[str, Member],
) -> None:
    lead, sam, kim = school["lead"], school["sam"], school["kim"]
    with Vault.unlock(kim.data_dir, PASSPHRASE) as vault:
        service(vault).add_peer(None, sam.public_key)
        old = certificates.stored(vault, sam.device_id)
    assert old is not None and old.role == "officer"
    assert role_in(kim, sam.device_id) == "officer"
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        service(vault).add_peer(None, sam.public_key, role="lead")  # re-certified explicitly
    receive(kim, send(lead, kim))
    assert role_in(kim, sam.device_id) == "lead"
    receive(kim, seal(lead, kim, carrying([old.document()]), seq=70))
    assert role_in(kim, sam.device_id) == "lead"


def test_the_fingerprint_changes_with_the_role(school: dict[str, Member]) -> None:
    sam = parse_public_key(school["sam"].public_key)
    assert fingerprint(sam.device_id, sam.x25519, sam.ed25519, "officer") != fingerprint(
        sam.device_id, sam.x25519, sam.ed25519, "lead"
    )
    with Vault.unlock(school["lead"].data_dir, PASSPHRASE) as vault:
        before = get_peer(vault, sam.device_id)
        service(vault).add_peer(None, school["sam"].public_key, role="lead")
        after = get_peer(vault, sam.device_id)
    assert before is not None and after is not None
    assert before.fingerprint == sam.fingerprint  # what Sam's screen showed at pairing
    assert after.fingerprint != before.fingerprint


def _old_member(root: Path, name: str, role: str) -> tuple[Member, DeviceIdentity]:
    vault, _recovery = Vault.create(
        root / name, PASSPHRASE, owner_name=name, role=role, kdf_target_seconds=0
    )
    with vault:
        identity = DeviceIdentity.load(vault)
    return Member(name, root / name, identity.device_id, identity.public_key), identity


def _old_pair(member: Member, other: DeviceIdentity) -> None:
    """What `peer add` stored before certificates: the peer row, its claimed role and all."""
    public = other.public
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault, vault.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_peers (device_id, name, role, x25519, ed25519, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (public.device_id, public.name, public.role, public.x25519, public.ed25519, now_utc()),
        )


def test_vaults_paired_before_certificates_get_them_from_the_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old_build:
        old_build.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:7])
        lead, lead_id = _old_member(tmp_path, "lead", "lead")
        sam, sam_id = _old_member(tmp_path, "sam", "officer")
        deputy, deputy_id = _old_member(tmp_path, "deputy", "lead")
        _old_pair(lead, sam_id)
        _old_pair(lead, deputy_id)
        _old_pair(sam, lead_id)
        with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
            assert migrations.schema_version(vault.conn) == 7
    assert migrations.latest_version() >= 8  # certificates came with 8

    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        assert migrations.schema_version(vault.conn) == migrations.latest_version()
        held = {p.device_id: (p.role, p.certified) for p in list_peers(vault)}
        assert held == {sam.device_id: ("officer", True), deputy.device_id: ("lead", True)}
        cert = certificates.stored(vault, sam.device_id)
        assert cert is not None and cert.issued_by == lead.device_id
        assert cert.signed_by(lead_id.public.ed25519)
    with Vault.unlock(sam.data_dir, PASSPHRASE) as vault:
        assert certificates.trust_roots(vault) == {lead.device_id}
        assert is_certified_lead(vault, lead.device_id)
    receive(sam, send(lead, sam))  # the lead's certificates check out on Sam's vault
    assert role_in(sam, deputy.device_id) == "lead"
    with Vault.unlock(sam.data_dir, PASSPHRASE) as vault:
        assert service(vault).device().certified_role == "officer"


def test_certificates_from_a_revoked_lead_do_not_travel_to_devices_that_never_knew_it(
    school: dict[str, Member], tmp_path: Path
) -> None:
    lead, kim = school["lead"], school["kim"]
    deputy = create_member(tmp_path, "deputy", "lead")
    add_deputy(school, deputy)
    colleague = create_member(tmp_path, "colleague", "officer")
    with Vault.unlock(deputy.data_dir, PASSPHRASE) as vault:
        service(vault).add_peer(None, colleague.public_key)  # certified by the deputy
    receive(lead, send(deputy, lead))
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        held = certificates.stored(vault, colleague.device_id)
        assert held is not None and held.issued_by == deputy.device_id
        service(vault).revoke_peer(deputy.device_id)
    newcomer = create_member(tmp_path, "newcomer", "officer")
    pair(lead, newcomer)
    receive(newcomer, send(lead, newcomer))  # nothing in it needs the deputy to check
    with Vault.unlock(newcomer.data_dir, PASSPHRASE) as vault:
        assert is_revoked(vault, deputy.device_id)
        assert certificates.stored(vault, colleague.device_id) is None
    assert role_in(kim, deputy.device_id) == "lead"  # Kim heard of the deputy before
