"""Sync through a real distributed file-sync engine: three Syncthing daemons on loopback, each
carrying one device's sync folder (a lead and two officers), with what such engines do to a
folder thrown in — a half-written bundle and a conflict copy. The devices converge with
nothing lost and nothing duplicated, each holding exactly what it may."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.external_tools import tool

from .syncthing_mesh import SyncthingMesh
from .world import Member, create_member, pair


@pytest.fixture
def mesh(tmp_path: Path) -> Iterator[SyncthingMesh]:
    started = SyncthingMesh(tool("syncthing"), tmp_path / "mesh", ["lead", "sam", "amal"])
    started.start()
    try:
        yield started
    finally:
        started.close()


def sync(member: Member, mesh: SyncthingMesh) -> dict[str, object]:
    """One sync of `member` through its own Syncthing folder."""
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        report = SyncService(Caseload(vault).ctx).sync_folder(mesh.nodes[member.name].folder)
    return report.as_dict()


def family_names(member: Member) -> list[str]:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        return sorted(str(f["name"]) for f in Caseload(vault).families.all())


def notes_of(member: Member) -> list[str]:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        rows = Caseload(vault).ctx.store.query("note", "")
        return sorted(str(n["text"]) for n in rows)


def test_a_lead_and_two_officers_converge_through_syncthing(
    tmp_path: Path, mesh: SyncthingMesh
) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    sam = create_member(tmp_path, "sam", "officer")
    amal = create_member(tmp_path, "amal", "officer")
    pair(lead, sam)
    pair(lead, amal)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        nowak = c.families.create({"name": "Nowak family"}).id
        ahmed = c.families.create({"name": "Ahmed family"}).id
        c.allocations.allocate(nowak, sam.device_id, "Sam")
        c.allocations.allocate(ahmed, amal.device_id, "Amal")
    sync(lead, mesh)
    mesh.settle()

    # Each officer receives its own family, works on it and syncs.
    assert sync(sam, mesh)["imported"] and family_names(sam) == ["Nowak family"]
    assert sync(amal, mesh)["imported"] and family_names(amal) == ["Ahmed family"]
    for member, family, text in ((sam, nowak, "Sam's home visit"), (amal, ahmed, "Amal's call")):
        with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
            Caseload(vault).notes.create({"family_id": family, "text": text, "status": "final"})
        sync(member, mesh)
    mesh.settle()

    # What such engines leave behind: a bundle caught half-written under its final name
    # (OneDrive and SMB write in place), and a conflict copy of a whole bundle.
    sam_folder, amal_folder = mesh.nodes["sam"].folder, mesh.nodes["amal"].folder
    whole = sorted(p for p in sam_folder.iterdir() if p.suffix == ".lbundle")[-1]
    (sam_folder / "0badc0ffee.lbundle").write_bytes(whole.read_bytes()[:200])
    shutil.copyfile(whole, amal_folder / f"{whole.stem}.sync-conflict-20261204-101010-ABCD.lbundle")
    mesh.settle()

    report = sync(lead, mesh)
    rejected = {r["file"] for r in report["rejected"]}  # type: ignore[union-attr]
    assert "0badc0ffee.lbundle" in rejected  # named, not fatal
    assert notes_of(lead) == ["Amal's call", "Sam's home visit"]
    mesh.settle()
    for member in (sam, amal):
        sync(member, mesh)
    mesh.settle()
    sync(lead, mesh)  # a last round: everything acknowledged
    mesh.settle()

    # Converged: nothing lost, nothing twice, each device what it may hold.
    assert family_names(lead) == ["Ahmed family", "Nowak family"]
    assert notes_of(lead) == ["Amal's call", "Sam's home visit"]
    assert family_names(sam) == ["Nowak family"] and notes_of(sam) == ["Sam's home visit"]
    assert family_names(amal) == ["Ahmed family"] and notes_of(amal) == ["Amal's call"]
    for member in (lead, sam, amal):
        with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
            assert vault.verify_storage() == []
