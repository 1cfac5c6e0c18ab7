"""Bundles that must be refused (exit 3) with the vault left exactly as it was.

Issue 6 acceptance 2: any single byte flipped (header included), truncation anywhere, a
bundle for another device, from an unknown or revoked device, an older bundle after a newer
one, a decompression bomb, fuzzed headers — each refused with a reason, never a traceback.
"""

from __future__ import annotations

import json
import random
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison_desktop.errors import EXIT_OK, EXIT_REJECTED
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync import bundle as fmt
from liaison_desktop.sync.bundle import BundleRejected
from liaison_desktop.sync.identity import DeviceIdentity
from liaison_desktop.sync.peers import get_peer
from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, run_cli
from tests.sync.world import Member, certify_from, create_member, pair, snapshot

# The audit entry of a bundle sealed by hand: an empty log (sync/audit_anchor.py).
NO_AUDIT = {"head": [0, "0" * 64], "marks": []}

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Member]:
    """A lead and two officers; the lead trusts both, the officers do not know each other."""
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    other = create_member(tmp_path, "other", "officer")
    pair(lead, officer)
    pair(lead, other)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        family = caseload.families.create({"name": "Fictional family", "address": "2 Lane"})
        from liaison_desktop.services.allocations_service import AllocationsService

        AllocationsService(caseload.ctx).allocate(family.id, officer.device_id)
        AllocationsService(caseload.ctx).allocate(family.id, other.device_id)
        caseload.notes.write(family.id, "A note about the visit")
    return {"lead": lead, "officer": officer, "other": other}


def export(member: Member, to: Member, out: Path) -> bytes:
    """Write the next bundle from `member` for `to` and return its bytes."""
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).export_bundle(to.device_id, out)
    return out.read_bytes()


def cli_import(capsys: Cap, monkeypatch: MP, member: Member, *files: Path) -> CliResult:
    return run_cli(
        capsys, monkeypatch, member.data_dir, "bundle", "import", *map(str, files), env=ENV
    )


def test_good_bundle_imports_and_a_second_import_changes_nothing(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    path = tmp_path / "b.lbundle"
    export(world["lead"], world["officer"], path)
    first = cli_import(capsys, monkeypatch, world["officer"], path)
    assert first.code == EXIT_OK, first.err
    before = snapshot(world["officer"])
    renamed = tmp_path / "renamed-copy.lbundle"
    renamed.write_bytes(path.read_bytes())
    again = cli_import(capsys, monkeypatch, world["officer"], renamed)
    assert again.code == EXIT_OK and "already imported" in again.out
    assert snapshot(world["officer"]) == before


def test_any_flipped_byte_is_refused_and_changes_nothing(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    data = export(world["lead"], world["officer"], tmp_path / "b.lbundle")
    before = snapshot(world["officer"])
    header_end = fmt.PREFIX.size + struct.unpack(">I", data[9:13])[0] + fmt.MAC_BYTES
    rng = random.Random(6)
    positions = sorted(
        {0, 8, 9, 12, header_end - 1, header_end, len(data) - 1}
        | set(rng.sample(range(header_end), 12))
        | set(rng.sample(range(header_end, len(data)), 12))
    )
    bad = tmp_path / "bad.lbundle"
    for position in positions:
        flipped = bytearray(data)
        flipped[position] ^= 1 << rng.randrange(8)
        bad.write_bytes(bytes(flipped))
        result = cli_import(capsys, monkeypatch, world["officer"], bad)
        assert result.code == EXIT_REJECTED, (position, result.err)
        assert "refused" in result.err and "Traceback" not in result.err
    assert snapshot(world["officer"]) == before


def test_every_single_byte_flip_is_refused_by_the_service(
    world: dict[str, Member], tmp_path: Path
) -> None:
    data = export(world["lead"], world["officer"], tmp_path / "b.lbundle")
    before = snapshot(world["officer"])
    with Vault.unlock(world["officer"].data_dir, PASSPHRASE) as vault:
        service = SyncService(Caseload(vault).ctx)
        for position in range(len(data)):
            flipped = bytearray(data)
            flipped[position] ^= 0x80 if position % 2 else 0x01
            with pytest.raises(BundleRejected):
                service.import_bytes([bytes(flipped)])
    assert snapshot(world["officer"]) == before


def test_truncated_bundles_are_refused(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    data = export(world["lead"], world["officer"], tmp_path / "b.lbundle")
    before = snapshot(world["officer"])
    rng = random.Random(7)
    cuts = sorted(
        {0, 1, 8, 13, 100, len(data) - 64, len(data) - 1} | set(rng.sample(range(len(data)), 10))
    )
    bad = tmp_path / "cut.lbundle"
    for cut in cuts:
        bad.write_bytes(data[:cut])
        result = cli_import(capsys, monkeypatch, world["officer"], bad)
        assert result.code == EXIT_REJECTED, (cut, result.err)
    with Vault.unlock(world["officer"].data_dir, PASSPHRASE) as vault:
        service = SyncService(Caseload(vault).ctx)
        for cut in range(0, len(data)):
            with pytest.raises(BundleRejected):
                service.import_bytes([data[:cut]])
    assert snapshot(world["officer"]) == before


def test_spliced_and_unsigned_bundles_are_refused(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    first = export(world["lead"], world["officer"], tmp_path / "1.lbundle")
    second = export(world["lead"], world["officer"], tmp_path / "2.lbundle")
    before = snapshot(world["officer"])
    split1 = fmt.PREFIX.size + struct.unpack(">I", first[9:13])[0] + fmt.MAC_BYTES
    split2 = fmt.PREFIX.size + struct.unpack(">I", second[9:13])[0] + fmt.MAC_BYTES
    spliced = tmp_path / "spliced.lbundle"
    spliced.write_bytes(first[:split1] + second[split2:])
    unsigned = tmp_path / "unsigned.lbundle"
    unsigned.write_bytes(first[:-64])
    zeroed = tmp_path / "zero-signature.lbundle"
    zeroed.write_bytes(first[:-64] + bytes(64))
    for path in (spliced, unsigned, zeroed):
        result = cli_import(capsys, monkeypatch, world["officer"], path)
        assert result.code == EXIT_REJECTED, path.name
    assert snapshot(world["officer"]) == before


def test_bundle_for_another_device_is_refused(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    path = tmp_path / "for-other.lbundle"
    export(world["lead"], world["other"], path)
    before = snapshot(world["officer"])
    result = cli_import(capsys, monkeypatch, world["officer"], path)
    assert result.code == EXIT_REJECTED and "another device" in result.err
    assert snapshot(world["officer"]) == before


def test_bundle_from_unknown_device_is_refused(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    # "other" learns the officer's key (certified by their lead), but the officer never added
    # "other".
    certify_from(world["lead"], world["other"])
    with Vault.unlock(world["other"].data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).add_peer(None, world["officer"].public_key)
    path = tmp_path / "stranger.lbundle"
    export(world["other"], world["officer"], path)
    before = snapshot(world["officer"])
    result = cli_import(capsys, monkeypatch, world["officer"], path)
    assert result.code == EXIT_REJECTED and "does not trust" in result.err
    assert snapshot(world["officer"]) == before


def test_bundle_from_revoked_device_is_refused(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    path = tmp_path / "from-lead.lbundle"
    export(world["lead"], world["officer"], path)
    revoke = run_cli(
        capsys,
        monkeypatch,
        world["officer"].data_dir,
        "peer",
        "revoke",
        world["lead"].device_id,
        env=ENV,
    )
    assert revoke.code == EXIT_OK, revoke.err
    before = snapshot(world["officer"])
    result = cli_import(capsys, monkeypatch, world["officer"], path)
    assert result.code == EXIT_REJECTED and "revoked" in result.err
    assert snapshot(world["officer"]) == before
    listed = run_cli(
        capsys, monkeypatch, world["officer"].data_dir, "peer", "list", "--json", env=ENV
    )
    assert json.loads(listed.out)[0]["revoked"] is True


def test_lead_revocation_travels_and_is_enforced_by_officers(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    certify_from(world["lead"], world["other"], world["officer"])
    with Vault.unlock(world["other"].data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).add_peer(None, world["officer"].public_key)
    with Vault.unlock(world["officer"].data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).add_peer(None, world["other"].public_key)
    from_other = tmp_path / "other.lbundle"
    export(world["other"], world["officer"], from_other)
    revoke = run_cli(
        capsys,
        monkeypatch,
        world["lead"].data_dir,
        "peer",
        "revoke",
        world["other"].device_id,
        env=ENV,
    )
    assert revoke.code == EXIT_OK
    from_lead = tmp_path / "lead.lbundle"
    export(world["lead"], world["officer"], from_lead)
    assert cli_import(capsys, monkeypatch, world["officer"], from_lead).code == EXIT_OK
    before = snapshot(world["officer"])
    result = cli_import(capsys, monkeypatch, world["officer"], from_other)
    assert result.code == EXIT_REJECTED and "revoked" in result.err
    assert snapshot(world["officer"]) == before


def _family_name(member: Member) -> list[str]:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        return [f["name"] for f in Caseload(vault).families.all()]


def test_older_bundle_after_newer_is_refused_without_regression(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    lead, officer = world["lead"], world["officer"]
    old = tmp_path / "old.lbundle"
    export(lead, officer, old)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        family = caseload.families.all()[0]
        caseload.families.update(family.id, {"name": "Renamed family"})
    new = tmp_path / "new.lbundle"
    export(lead, officer, new)
    assert cli_import(capsys, monkeypatch, officer, new).code == EXIT_OK
    before = snapshot(officer)
    stale = cli_import(capsys, monkeypatch, officer, old)
    assert stale.code == EXIT_REJECTED and "older than a bundle" in stale.err
    assert snapshot(officer) == before
    assert _family_name(officer) == ["Renamed family"]
    # The newer bundle again: already applied, a no-op.
    assert cli_import(capsys, monkeypatch, officer, new).code == EXIT_OK
    assert snapshot(officer) == before


def test_already_imported_older_bundle_replayed_changes_nothing(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    lead, officer = world["lead"], world["officer"]
    old = tmp_path / "old.lbundle"
    export(lead, officer, old)
    assert cli_import(capsys, monkeypatch, officer, old).code == EXIT_OK
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        caseload.families.update(caseload.families.all()[0].id, {"name": "Renamed family"})
    new = tmp_path / "new.lbundle"
    export(lead, officer, new)
    assert cli_import(capsys, monkeypatch, officer, new).code == EXIT_OK
    before = snapshot(officer)
    assert cli_import(capsys, monkeypatch, officer, old).code == EXIT_OK
    assert snapshot(officer) == before
    assert _family_name(officer) == ["Renamed family"]


def _seal_from(
    member: Member, to: Member, body: dict[str, object], *, seq: int = 1, prev: str = ""
) -> bytes:
    """A correctly signed and encrypted bundle with any body (a misbehaving but trusted peer)."""
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        identity = DeviceIdentity.load(vault)
        peer = get_peer(vault, to.device_id)
        assert peer is not None
        data, _id = fmt.seal(
            signing_key=identity.ed25519_private,
            sender=identity.device_id,
            recipients=[(peer.device_id, peer.x25519)],
            seq=seq,
            prev=prev,
            ack=[],
            body=body,
        )
    return data


def test_decompression_bomb_is_refused(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    bomb = _seal_from(
        world["lead"],
        world["officer"],
        {"ops": [], "purge": [], "revoked": [], "x": "0" * 40_000_000},
    )
    assert len(bomb) < 200_000
    path = tmp_path / "bomb.lbundle"
    path.write_bytes(bomb)
    before = snapshot(world["officer"])
    result = cli_import(capsys, monkeypatch, world["officer"], path)
    assert result.code == EXIT_REJECTED and "decompression bomb" in result.err
    assert snapshot(world["officer"]) == before


def test_signed_bundle_with_invalid_operations_is_refused(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    bad_op = {
        "id": "0" * 32,
        "hlc": "0001700000000000-00000",
        "dev": world["lead"].device_id,
        "kind": "family",
        "rec": "f1",
        "fam": "f1",
        "set": {"no_such_field": 1},
        "rep": {"no_such_field": None},
    }
    path = tmp_path / "bad-ops.lbundle"
    path.write_bytes(
        _seal_from(
            world["lead"],
            world["officer"],
            {"ops": [bad_op], "purge": [], "revoked": [], "certs": [], "audit": NO_AUDIT},
        )
    )
    before = snapshot(world["officer"])
    result = cli_import(capsys, monkeypatch, world["officer"], path)
    assert result.code == EXIT_REJECTED and "not valid operations" in result.err
    assert snapshot(world["officer"]) == before


def test_one_bad_file_among_several_means_none_is_applied(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    good = tmp_path / "good.lbundle"
    data = export(world["lead"], world["officer"], good)
    bad = tmp_path / "bad.lbundle"
    bad.write_bytes(data[:-1])
    before = snapshot(world["officer"])
    result = cli_import(capsys, monkeypatch, world["officer"], good, bad)
    assert result.code == EXIT_REJECTED
    assert snapshot(world["officer"]) == before


@pytest.fixture
def open_officer(world: dict[str, Member], tmp_path: Path) -> Iterator[tuple[SyncService, bytes]]:
    data = export(world["lead"], world["officer"], tmp_path / "b.lbundle")
    with Vault.unlock(world["officer"].data_dir, PASSPHRASE) as vault:
        yield SyncService(Caseload(vault).ctx), data


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _with_header(data: bytes, header: bytes) -> bytes:
    old_len = struct.unpack(">I", data[9:13])[0]
    return data[:9] + struct.pack(">I", len(header)) + header + data[13 + old_len :]


def test_fuzzed_headers_are_refused_never_crash(open_officer: tuple[SyncService, bytes]) -> None:
    service, data = open_officer
    old_len = struct.unpack(">I", data[9:13])[0]
    document = json.loads(data[13 : 13 + old_len])
    keys = sorted(document)

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        key=st.sampled_from(keys),
        value=JSON_VALUES,
        raw=st.binary(max_size=200),
        declared=st.integers(0, 2**32 - 1),
        mode=st.sampled_from(
            ["replace-value", "drop-key", "raw-header", "declared-length", "raw-prefix"]
        ),
    )
    def fuzz(key: str, value: object, raw: bytes, declared: int, mode: str) -> None:
        if mode == "replace-value":
            mutated = _with_header(data, json.dumps({**document, key: value}).encode())
        elif mode == "drop-key":
            mutated = _with_header(
                data, json.dumps({k: v for k, v in document.items() if k != key}).encode()
            )
        elif mode == "raw-header":
            mutated = _with_header(data, raw)
        elif mode == "declared-length":
            mutated = data[:9] + struct.pack(">I", declared) + data[13:]
        else:
            mutated = raw + data[len(raw) :]
        if mutated == data:
            return
        with pytest.raises(BundleRejected):
            service.import_bytes([mutated])

    fuzz()
    assert service.conflicts() == []
    assert service.ctx.vault.conn.execute("SELECT count(*) FROM sync_bundles_in").fetchone()[0] == 0


def test_bundle_that_does_not_follow_its_predecessor_is_refused(
    world: dict[str, Member], tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    first = tmp_path / "first.lbundle"
    export(world["lead"], world["officer"], first)
    assert cli_import(capsys, monkeypatch, world["officer"], first).code == EXIT_OK
    forged = _seal_from(
        world["lead"],
        world["officer"],
        {"ops": [], "purge": [], "revoked": [], "certs": [], "audit": NO_AUDIT},
        seq=2,
        prev="ab" * 32,  # not the hash of bundle 1
    )
    path = tmp_path / "forked.lbundle"
    path.write_bytes(forged)
    before = snapshot(world["officer"])
    result = cli_import(capsys, monkeypatch, world["officer"], path)
    assert result.code == EXIT_REJECTED and "does not follow on" in result.err
    assert snapshot(world["officer"]) == before


def test_a_device_whose_clock_is_far_ahead_is_named(world: dict[str, Member]) -> None:
    import time
    import uuid

    from liaison_desktop.store.hlc import format_stamp

    record = uuid.uuid4().hex
    op = {
        "id": uuid.uuid4().hex,
        "hlc": format_stamp(int(time.time() * 1000) + 3 * 3600 * 1000, 0),
        "dev": world["lead"].device_id,
        "kind": "family",
        "rec": record,
        "fam": record,
        "set": {"name": "Family from the future"},
        "rep": {"name": None},
    }
    data = _seal_from(
        world["lead"],
        world["officer"],
        {"ops": [op], "purge": [], "revoked": [], "certs": [], "audit": NO_AUDIT},
    )
    with Vault.unlock(world["officer"].data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        result = SyncService(caseload.ctx).import_bytes([data])[0]
        assert result.ops_applied == 1
        assert any("ahead" in note and "lead" in note for note in result.notes)
        # Convergence does not depend on clocks: the value is there, and a later local edit
        # still wins over it (the local clock moved past the remote stamp).
        caseload.families.update(record, {"name": "Corrected"})
        assert caseload.families.get(record)["name"] == "Corrected"
