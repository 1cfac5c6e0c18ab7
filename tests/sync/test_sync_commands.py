"""The sync commands end to end: pairing, folder sync, conflicts, minimisation, canaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.errors import EXIT_OK, EXIT_REJECTED
from liaison_desktop.services.allocations_service import AllocationsService
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.directory_service import DirectoryService
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync.identity import parse_public_key
from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, files_containing, new_canary, run_cli
from tests.sync.world import Member, create_member, pair

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


def cli(capsys: Cap, monkeypatch: MP, member: Member, *args: str) -> CliResult:
    return run_cli(capsys, monkeypatch, member.data_dir, *args, env=ENV)


def test_device_show_prints_a_key_that_peer_add_accepts(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    shown = cli(capsys, monkeypatch, officer, "device", "show", "--json")
    assert shown.code == EXIT_OK
    info = json.loads(shown.out)
    assert set(info) == {
        "device_id",
        "name",
        "role",
        "public_key",
        "fingerprint",
        "certified_role",
    }
    assert info["role"] == "officer" and info["device_id"] == officer.device_id
    assert info["certified_role"] is None  # no lead has certified it yet
    groups = info["fingerprint"].split()
    assert len(groups) == 6 and all(len(g) == 4 and g.isdigit() for g in groups)
    # The same device shows the same key every time (keys are stored, not regenerated).
    assert json.loads(cli(capsys, monkeypatch, officer, "device", "show", "--json").out) == info

    added = cli(
        capsys,
        monkeypatch,
        lead,
        "peer",
        "add",
        "--name",
        "Sam's laptop",
        "--key",
        info["public_key"],
        "--json",
    )
    assert added.code == EXIT_OK, added.err
    assert json.loads(added.out)["fingerprint"] == info["fingerprint"]
    listed = json.loads(cli(capsys, monkeypatch, lead, "peer", "list", "--json").out)
    assert [(p["device_id"], p["name"], p["revoked"]) for p in listed] == [
        (officer.device_id, "Sam's laptop", False)
    ]


def test_a_mangled_key_is_refused(tmp_path: Path, capsys: Cap, monkeypatch: MP) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    key = officer.public_key
    middle = len(key) // 2
    mangled = key[:middle] + ("A" if key[middle] != "A" else "B") + key[middle + 1 :]
    result = cli(capsys, monkeypatch, lead, "peer", "add", "--key", mangled)
    assert result.code == EXIT_REJECTED and "changed while being copied" in result.err
    own = cli(capsys, monkeypatch, lead, "peer", "add", "--key", lead.public_key)
    assert own.code == EXIT_REJECTED
    assert json.loads(cli(capsys, monkeypatch, lead, "peer", "list", "--json").out) == []


def test_key_string_round_trips_and_fingerprint_depends_on_keys(tmp_path: Path) -> None:
    officer = create_member(tmp_path, "officer", "officer")
    other = create_member(tmp_path, "other", "officer")
    a, b = parse_public_key(officer.public_key), parse_public_key(other.public_key)
    assert a.device_id == officer.device_id and a.name == "officer" and a.role == "officer"
    assert a.fingerprint != b.fingerprint


def _setup_pair(tmp_path: Path) -> tuple[Member, Member, str]:
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    pair(lead, officer)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        family = caseload.families.create({"name": "Example family", "address": "3 Close"})
        AllocationsService(caseload.ctx).allocate(family.id, officer.device_id)
    return lead, officer, family.id


def test_sync_folder_round_trip_and_conflict_resolution(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    lead, officer, family_id = _setup_pair(tmp_path)
    folder = tmp_path / "stick"
    folder.mkdir()
    first = cli(capsys, monkeypatch, lead, "sync", "--dir", str(folder), "--json")
    assert first.code == EXIT_OK, first.err
    assert len(json.loads(first.out)["written"]) == 1
    got = cli(capsys, monkeypatch, officer, "sync", "--dir", str(folder), "--json")
    report = json.loads(got.out)
    assert len(report["imported"]) == 1 and report["imported"][0]["ops_applied"] >= 2
    assert cli(capsys, monkeypatch, officer, "conflicts", "list", "--json").out.strip() == "[]"

    # The same field edited on both devices before either hears of the other.
    assert cli(capsys, monkeypatch, lead, "family", "set", family_id, "name=Lead's name").code == 0
    assert (
        cli(capsys, monkeypatch, officer, "family", "set", family_id, "name=Officer's name").code
        == 0
    )
    for member in (lead, officer, lead):
        assert cli(capsys, monkeypatch, member, "sync", "--dir", str(folder)).code == EXIT_OK
    names = {}
    for member in (lead, officer):
        shown = json.loads(cli(capsys, monkeypatch, member, "family", "list", "--json").out)
        names[member.name] = shown[0]["name"]
    assert names["lead"] == names["officer"]  # converged on one winner
    conflicts = json.loads(cli(capsys, monkeypatch, officer, "conflicts", "list", "--json").out)
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert {conflict["mine"], conflict["theirs"]} == {"Lead's name", "Officer's name"}
    loser = "mine" if conflict["shown"] == "theirs" else "theirs"
    resolved = cli(
        capsys, monkeypatch, officer, "conflicts", "resolve", conflict["id"], "--keep", loser
    )
    assert resolved.code == EXIT_OK, resolved.err
    assert json.loads(cli(capsys, monkeypatch, officer, "conflicts", "list", "--json").out) == []
    kept = conflict[loser]
    # The decision is an edit: it reaches the lead on the next sync.
    for member in (officer, lead):
        assert cli(capsys, monkeypatch, member, "sync", "--dir", str(folder)).code == EXIT_OK
    for member in (lead, officer):
        assert (
            json.loads(cli(capsys, monkeypatch, member, "family", "list", "--json").out)[0]["name"]
            == kept
        )
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        history = SyncService(Caseload(vault).ctx).history()
    assert len(history) == 3 and all("written" in h and "imported" in h for h in history)


def test_sync_folder_skips_other_devices_bundles_and_names_bad_files(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    lead, officer, _family = _setup_pair(tmp_path)
    folder = tmp_path / "share"
    folder.mkdir()
    assert cli(capsys, monkeypatch, lead, "sync", "--dir", str(folder)).code == EXIT_OK
    (folder / "junk.lbundle").write_bytes(b"LIAISONB nonsense")
    # The lead's own bundle (for the officer) is skipped silently by the lead.
    again = json.loads(cli(capsys, monkeypatch, lead, "sync", "--dir", str(folder), "--json").out)
    assert again["imported"] == [] and [r["file"] for r in again["rejected"]] == ["junk.lbundle"]
    # The lead's second bundle for the officer holds all the first did: the first is cleared.
    assert again["cleared"] == 1
    got = json.loads(cli(capsys, monkeypatch, officer, "sync", "--dir", str(folder), "--json").out)
    assert len(got["imported"]) == 1  # the lead's newest bundle; the junk is refused
    assert [r["file"] for r in got["rejected"]] == ["junk.lbundle"]
    # Nothing new addressed to the officer the second time: everything is skipped quietly.
    quiet = json.loads(
        cli(capsys, monkeypatch, officer, "sync", "--dir", str(folder), "--json").out
    )
    assert quiet["imported"] == [] and quiet["skipped"] == 1
    # One bundle per sender and recipient is left, whatever the number of syncs.
    assert len([p for p in folder.iterdir() if p.name != "junk.lbundle"]) == 2
    written = {p.name for p in folder.iterdir()}
    assert all(len(name) == len("0" * 24 + ".lbundle") for name in written - {"junk.lbundle"})
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temp files left


def test_officer_receives_only_allocated_families_and_purges_on_removal(tmp_path: Path) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    pair(lead, officer)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        mine = caseload.families.create({"name": "Allocated family"})
        other = caseload.families.create({"name": "Someone else's family"})
        caseload.notes.write(other.id, "Not for this officer")
        DirectoryService(caseload.ctx).create(
            {"organisation": "Food bank", "kind": "health", "layer": 3}
        )
        AllocationsService(caseload.ctx).allocate(mine.id, officer.device_id)
        bundle = SyncService(caseload.ctx).export_bytes(officer.device_id).data
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        SyncService(caseload.ctx).import_bytes([bundle])
        assert [f["name"] for f in caseload.families.all()] == ["Allocated family"]
        assert len(DirectoryService(caseload.ctx).all()) == 1
        assert caseload.notes.query() == []
        caseload.notes.write(mine.id, "Written by the officer")
        back = SyncService(caseload.ctx).export_bytes(lead.device_id).data
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        SyncService(caseload.ctx).import_bytes([back])
        assert len(caseload.notes.for_family(mine.id)) == 1
        AllocationsService(caseload.ctx).remove(mine.id, officer.device_id)
        purge = SyncService(caseload.ctx).export_bytes(officer.device_id)
        assert purge.purges == 1
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        results = SyncService(caseload.ctx).import_bytes([purge.data])
        assert results[0].purged_families == 1
        assert caseload.families.all() == []
        for table in ("families", "notes", "allocations"):
            assert vault.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        assert caseload.search.search("Allocated") == []
        assert caseload.search.search("officer") == []
        # The shared directory stays.
        assert len(DirectoryService(caseload.ctx).all()) == 1


def test_concerns_travel_first_to_the_lead(tmp_path: Path) -> None:
    lead, officer, family_id = _setup_pair(tmp_path)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        bundle = SyncService(Caseload(vault).ctx).export_bytes(officer.device_id).data
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        sync = SyncService(caseload.ctx)
        sync.import_bytes([bundle])
        caseload.notes.write(family_id, "ordinary note")
        from liaison_desktop.services.concerns_service import ConcernsService

        ConcernsService(caseload.ctx).raise_concern(family_id, "Something seen", urgency="urgent")
        out = sync.export_bytes(lead.device_id)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        sync = SyncService(Caseload(vault).ctx)
        from liaison_desktop.sync import bundle as fmt
        from liaison_desktop.sync.exchange import verify

        verified = verify(vault, sync.identity, out.data)
        assert verified.ops[0].kind == "concern"
        assert [op.kind for op in verified.ops].count("concern") == 1
        result = sync.import_bytes([out.data])[0]
        assert result.concerns == 1
        assert out.data[:8] == fmt.MAGIC


def test_no_plaintext_in_bundle_files(tmp_path: Path, capsys: Cap, monkeypatch: MP) -> None:
    name, address, note, officer_name, contact = (
        new_canary(x) for x in ("NAME", "ADDR", "NOTE", "OWNER", "ORG")
    )
    lead = create_member(tmp_path, "lead", "lead")
    officer_dir = tmp_path / "officer-data"
    vault, _r = Vault.create(
        officer_dir, PASSPHRASE, owner_name=officer_name, role="officer", kdf_target_seconds=0
    )
    with vault:
        officer_key = SyncService(Caseload(vault).ctx).device().public_key
        SyncService(Caseload(vault).ctx).add_peer(None, lead.public_key)
        officer_id = SyncService(Caseload(vault).ctx).identity.device_id
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        SyncService(caseload.ctx).add_peer(None, officer_key)
        family = caseload.families.create({"name": name, "address": address, "strengths": address})
        caseload.notes.write(family.id, note)
        DirectoryService(caseload.ctx).create(
            {"organisation": contact, "kind": "health", "layer": 2}
        )
        AllocationsService(caseload.ctx).allocate(family.id, officer_id)
    folder = tmp_path / "stick"
    folder.mkdir()
    officer = Member("officer", officer_dir, officer_id, officer_key)
    for member in (lead, officer, lead, officer):
        assert cli(capsys, monkeypatch, member, "sync", "--dir", str(folder)).code == EXIT_OK
    with Vault.unlock(officer_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        assert [f["name"] for f in caseload.families.all()] == [name]  # it did travel
        caseload.notes.write(family.id, note + " again")
    assert cli(capsys, monkeypatch, officer, "sync", "--dir", str(folder)).code == EXIT_OK
    exported = tmp_path / "manual.lbundle"
    assert (
        cli(
            capsys,
            monkeypatch,
            lead,
            "bundle",
            "export",
            "--to",
            officer_id,
            "--out",
            str(exported),
        ).code
        == 0
    )
    # One bundle each way is left (older ones cleared as superseded), and none holds plaintext.
    assert len(list(folder.iterdir())) == 2
    assert files_containing(folder, [name, address, note, officer_name, contact]) == []
    assert files_containing(folder, [note + " again"]) == []
    manual = exported.parent / "manual-only"
    manual.mkdir()
    exported.rename(manual / exported.name)
    exported = manual / exported.name
    assert files_containing(manual, [name, address, note, officer_name, contact]) == []
    assert exported.read_bytes()[:8] == b"LIAISONB"


def test_resolving_an_unknown_conflict_is_refused(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    _lead, officer, _family_id = _setup_pair(tmp_path)
    missing = cli(capsys, monkeypatch, officer, "conflicts", "resolve", "nope", "--keep", "mine")
    assert missing.code == 1 and "No conflict" in missing.err
    usage = cli(capsys, monkeypatch, officer, "conflicts", "resolve", "nope", "--keep", "both")
    assert usage.code == 64


def test_a_known_device_with_different_keys_is_refused(
    tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    assert cli(capsys, monkeypatch, lead, "peer", "add", "--key", officer.public_key).code == 0
    # An impostor claiming the officer's device id with its own keys.
    impostor_dir = tmp_path / "impostor"
    vault, _r = Vault.create(
        impostor_dir, PASSPHRASE, owner_name="officer", role="officer", kdf_target_seconds=0
    )
    with vault:
        vault.set_meta("device_id", officer.device_id)
        forged_key = SyncService(Caseload(vault).ctx).device().public_key
    result = cli(capsys, monkeypatch, lead, "peer", "add", "--key", forged_key)
    assert result.code == EXIT_REJECTED and "different keys" in result.err
    again = cli(capsys, monkeypatch, lead, "peer", "add", "--key", officer.public_key)
    assert again.code == EXIT_OK  # the genuine key again is harmless


def test_an_edit_made_just_before_a_purge_still_reaches_the_lead(tmp_path: Path) -> None:
    lead, officer, family_id = _setup_pair(tmp_path)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        first = SyncService(Caseload(vault).ctx).export_bytes(officer.device_id).data
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        SyncService(caseload.ctx).import_bytes([first])
        caseload.notes.write(family_id, "Written on the doorstep")
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        AllocationsService(caseload.ctx).remove(family_id, officer.device_id)
        purge = SyncService(caseload.ctx).export_bytes(officer.device_id).data
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        sync = SyncService(caseload.ctx)
        assert sync.import_bytes([purge])[0].purged_families == 1
        assert caseload.families.all() == [] and caseload.notes.query() == []
        back = sync.export_bytes(lead.device_id)
        assert back.ops == 1  # the unacknowledged note, kept out of sight, still travels
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        sync = SyncService(caseload.ctx)
        sync.import_bytes([back.data])
        assert [n["text"] for n in caseload.notes.for_family(family_id)] == [
            "Written on the doorstep"
        ]
        final = sync.export_bytes(officer.device_id).data
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).import_bytes([final])
        left = vault.conn.execute("SELECT count(*) FROM ops WHERE family_id = ?", (family_id,))
        assert left.fetchone()[0] == 0  # acknowledged, so now gone from the officer's laptop


def test_another_officer_cannot_bring_back_a_family_the_lead_took_back(tmp_path: Path) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    first = create_member(tmp_path, "first", "officer")
    second = create_member(tmp_path, "second", "officer")
    pair(lead, first)
    pair(lead, second)
    pair(first, second, via=lead)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        family = caseload.families.create({"name": "Shared family"})
        for officer in (first, second):
            AllocationsService(caseload.ctx).allocate(family.id, officer.device_id)
        sync = SyncService(caseload.ctx)
        to_first = sync.export_bytes(first.device_id).data
        to_second = sync.export_bytes(second.device_id).data
        AllocationsService(caseload.ctx).remove(family.id, first.device_id)
        purge = sync.export_bytes(first.device_id).data
    with Vault.unlock(second.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        SyncService(caseload.ctx).import_bytes([to_second])
        caseload.families.update(family.id, {"name": "Edited by the second officer"})
        relay = SyncService(caseload.ctx).export_bytes(first.device_id)
        assert relay.ops > 0  # the second officer still believes the first holds it
    with Vault.unlock(first.data_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        sync = SyncService(caseload.ctx)
        sync.import_bytes([to_first, purge])
        assert caseload.families.all() == []
        sync.import_bytes([relay.data])
        assert caseload.families.all() == []
        assert vault.conn.execute("SELECT count(*) FROM families").fetchone()[0] == 0


def test_sync_refuses_the_vaults_own_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from liaison_desktop.store.vault import Vault
    from tests.conftest import PASSPHRASE
    from tests.helpers import run_cli

    data_dir = tmp_path / "data"
    Vault.create(data_dir, PASSPHRASE, owner_name="Sam", role="officer", kdf_target_seconds=0)[
        0
    ].close()
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "sync",
        "--dir",
        str(data_dir),
        env={"LIAISON_PASSPHRASE": PASSPHRASE},
    )
    assert result.code == 3, result.err
    assert "cannot be the vault's own folder" in result.err
    assert not list(data_dir.glob("*.bundle"))
