"""Issue 10, acceptance 2: the JSON export and bundles for another agency write sharing entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liaison_desktop.domain.sharing import ShareDetails
from liaison_desktop.errors import StorageFull
from liaison_desktop.interchange import json_export
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.records.sharing_helpers import all_entries, entries, make_family
from tests.reports.report_helpers import caseload
from tests.services.caseload_helpers import create_lead_vault
from tests.sync.world import create_member

HOUSING = ShareDetails(
    recipient="Tenancy support officer",
    organisation="Demoford Housing Trust",
    lawful_basis="public_task",
    condition="safeguarding",
)


def test_json_export_writes_one_entry_per_family_with_its_record_kinds(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    first = make_family(c, "Okafor family", consent="given")
    second = make_family(c, "Nowak family")
    counts = json_export.export_json(c, tmp_path / "all.json", HOUSING)

    assert counts["sharing_entries"] == 2 and (tmp_path / "all.json").exists()
    [a] = entries(c, first.family_id)
    [b] = entries(c, second.family_id)
    for entry in (a, b):
        assert entry["what"] == "json_export"
        assert entry["recipient"] == "Tenancy support officer"
        assert entry["organisation"] == "Demoford Housing Trust"
        assert entry["lawful_basis"] == "public_task"
    assert a["details"] == "Record kinds: family, person, consent"
    assert b["details"] == "Record kinds: family, person"
    assert (a["consent_status"], b["consent_status"]) == ("given", "not_recorded")
    assert a["export_id"] == b["export_id"]


def test_json_export_without_a_recipient_is_kept_as_own_records(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    fam = make_family(c)
    json_export.export_json(c, tmp_path / "all.json")
    [entry] = entries(c, fam.family_id)
    assert (entry["purpose"], entry["recipient"]) == ("own_records", "Test Officer")


def test_a_failed_json_export_leaves_no_entry(vault: Vault, tmp_path: Path) -> None:
    c = caseload(vault)
    make_family(c)
    target = tmp_path / "taken"
    target.mkdir()
    with pytest.raises(StorageFull):
        json_export.export_json(c, target, HOUSING)
    assert all_entries(vault) == 0


def test_json_export_to_an_outsider_without_organisation_writes_nothing(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    make_family(c)
    out = tmp_path / "all.json"
    with pytest.raises(ValidationFailed) as err:
        json_export.export_json(c, out, ShareDetails(recipient="Someone", lawful_basis="consent"))
    assert "organisation" in [p for p, _r in err.value.problems]
    assert not out.exists() and all_entries(vault) == 0


def _school_and_agency(tmp_path: Path) -> tuple[Vault, SyncService, str, str, str]:
    """A lead's vault with two families, a school officer and another agency's officer."""
    agency = create_member(tmp_path, "agency-officer", "officer")
    colleague = create_member(tmp_path, "school-officer", "officer")
    vault = create_lead_vault(tmp_path / "lead")
    c = caseload(vault)
    shared = make_family(c, "Okafor family", consent="given").family_id
    internal = make_family(c, "Nowak family").family_id
    sync = SyncService(c.ctx)
    sync.add_peer(None, agency.public_key, HOUSING)
    sync.add_peer(None, colleague.public_key)
    c.allocations.allocate(shared, agency.device_id)
    c.allocations.allocate(internal, colleague.device_id)
    c.allocations.allocate(shared, colleague.device_id)
    return vault, sync, shared, internal, agency.device_id


def test_a_bundle_for_another_agencys_device_is_recorded_per_family(tmp_path: Path) -> None:
    vault, sync, shared, internal, agency_id = _school_and_agency(tmp_path)
    try:
        out = tmp_path / "out"
        out.mkdir()
        sync.export_bundle(agency_id, out / "b.lbundle")
        c = Caseload(vault)
        [entry] = entries(c, shared)
        assert entry["what"] == "sync_bundle"
        assert entry["purpose"] == "shared"
        assert entry["recipient"] == "Tenancy support officer"
        assert entry["organisation"] == "Demoford Housing Trust"
        assert entry["lawful_basis"] == "public_task"
        assert entry["consent_status"] == "given"
        assert entry["encrypted"] is True
        assert "family" in entry["details"] and "person" in entry["details"]
        assert entries(c, internal) == []  # not allocated to the agency: not in its bundle
    finally:
        vault.close()


def test_a_bundle_within_the_school_is_not_a_share(tmp_path: Path) -> None:
    vault, sync, _shared, _internal, _agency = _school_and_agency(tmp_path)
    try:
        colleague = next(p for p in sync.peers() if sync.external_share(p.device_id) is None)
        result = sync.export_bundle(colleague.device_id, tmp_path / "b.lbundle")
        assert result.ops > 0
        assert all_entries(vault) == 0
    finally:
        vault.close()


def test_folder_sync_records_only_the_agency_bundle(tmp_path: Path) -> None:
    vault, sync, shared, internal, _agency = _school_and_agency(tmp_path)
    try:
        folder = tmp_path / "stick"
        folder.mkdir()
        report = sync.sync_folder(folder)
        assert len(report.written) == 2
        c = Caseload(vault)
        assert [e["what"] for e in entries(c, shared)] == ["sync_bundle"]
        assert entries(c, internal) == []
        # The next sync carries nothing new of the family's records but the entry itself.
        assert all_entries(vault) == 1
    finally:
        vault.close()


def test_a_failed_bundle_write_leaves_no_entry(tmp_path: Path) -> None:
    vault, sync, _shared, _internal, agency_id = _school_and_agency(tmp_path)
    try:
        # A folder where the bundle's temp file would go: writing it fails after the bundle
        # was sealed and its entries written, as a full or vanished USB stick would.
        (tmp_path / f".b.lbundle.{os.getpid()}.tmp").mkdir()
        with pytest.raises(OSError):
            sync.export_bundle(agency_id, tmp_path / "b.lbundle")
        assert not (tmp_path / "b.lbundle").exists()
        assert all_entries(vault) == 0
        # The bundle's bookkeeping rolled back with it: the next bundle is number 1 again.
        assert sync.export_bundle(agency_id, tmp_path / "ok.lbundle").seq == 1
    finally:
        vault.close()


def test_marking_another_agency_needs_its_organisation_and_basis(tmp_path: Path) -> None:
    agency = create_member(tmp_path, "agency-officer", "officer")
    vault = create_lead_vault(tmp_path / "lead")
    try:
        sync = SyncService(caseload(vault).ctx)
        with pytest.raises(ValidationFailed):
            sync.add_peer(None, agency.public_key, ShareDetails(organisation="Demoford Housing"))
        assert sync.peers() == []  # the pairing rolled back with the refusal
    finally:
        vault.close()
    with Vault.unlock(tmp_path / "lead", PASSPHRASE) as again:
        assert SyncService(Caseload(again).ctx).peers() == []
