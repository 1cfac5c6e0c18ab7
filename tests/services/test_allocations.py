"""Allocations: only a lead allocates; one active allocation per family and device."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.errors import NotFound, NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli
from tests.services.caseload_helpers import caseload_on, new_family

DEVICE = "0123456789abcdef0123456789abcdef"
OTHER_DEVICE = "fedcba9876543210fedcba9876543210"
ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


@pytest.fixture
def lead(lead_vault: Vault) -> Caseload:
    return caseload_on(lead_vault)


def test_an_officer_vault_cannot_allocate(vault: Vault) -> None:
    caseload = caseload_on(vault)
    fid = new_family(caseload)
    with pytest.raises(NotPermitted, match="Only a safeguarding lead"):
        caseload.allocations.allocate(fid, DEVICE)
    with pytest.raises(NotPermitted):
        caseload.allocations.create(
            {"family_id": fid, "device_id": DEVICE, "allocated_at": "2025-01-01T09:00:00",
             "active": True}
        )  # fmt: skip
    assert caseload.allocations.query() == []


def test_allocating_twice_keeps_one_active_allocation(lead: Caseload) -> None:
    fid = new_family(lead)
    first = lead.allocations.allocate(fid, DEVICE, officer_name="Sam Officer")
    again = lead.allocations.allocate(fid, DEVICE.upper())
    assert first.id == again.id and again["active"] is True
    assert again["officer_name"] == "Sam Officer"
    assert len(lead.allocations.for_family(fid)) == 1
    lead.allocations.allocate(fid, OTHER_DEVICE)
    assert lead.allocations.families_for_device(DEVICE) == [fid]
    assert {a["device_id"] for a in lead.allocations.for_family(fid)} == {DEVICE, OTHER_DEVICE}


def test_removing_deactivates_and_reallocating_reactivates(lead: Caseload) -> None:
    fid = new_family(lead)
    keep = new_family(lead, "Kept family")
    lead.allocations.allocate(fid, DEVICE)
    lead.allocations.allocate(keep, DEVICE)
    removed = lead.allocations.remove(fid, DEVICE)
    assert removed["active"] is False
    assert lead.allocations.families_for_device(DEVICE) == [keep]
    assert lead.allocations.removed_for_device(DEVICE) == [fid]
    assert lead.allocations.for_family(fid) == []
    assert len(lead.allocations.for_family(fid, active_only=False)) == 1
    with pytest.raises(NotFound):
        lead.allocations.remove(fid, DEVICE)
    back = lead.allocations.allocate(fid, DEVICE)
    assert back.id == removed.id and back["active"] is True


def test_allocation_needs_a_real_family_and_device_id(lead: Caseload) -> None:
    fid = new_family(lead)
    with pytest.raises(ValidationFailed, match="family_id"):
        lead.allocations.allocate("missing", DEVICE)
    with pytest.raises(ValidationFailed, match="not a device id"):
        lead.allocations.allocate(fid, "Sam's laptop")


def _make(data_dir: Path, role: str) -> str:
    vault, _ = Vault.create(
        data_dir, PASSPHRASE, owner_name="Someone", role=role, kdf_target_seconds=0
    )
    try:
        return Caseload(vault).families.create({"name": "Hussain family"}).id
    finally:
        vault.close()


def test_cli_allocate_on_an_officer_vault_exits_1_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    fid = _make(data_dir, "officer")
    result = run_cli(capsys, monkeypatch, data_dir, "allocate", fid, "--to", DEVICE, env=ENV)
    assert result.code == 1
    assert "Only a safeguarding lead" in result.err and "Traceback" not in result.err


def test_cli_allocate_and_remove_on_a_lead_vault(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    fid = _make(data_dir, "lead")
    given = run_cli(
        capsys, monkeypatch, data_dir, "allocate", fid, "--to", DEVICE, "--json", env=ENV
    )
    assert given.code == 0, given.err
    body = json.loads(given.out)
    assert (body["family_id"], body["device_id"], body["active"]) == (fid, DEVICE, True)
    taken = run_cli(
        capsys, monkeypatch, data_dir, "allocate", fid, "--to", DEVICE, "--remove", env=ENV
    )
    assert taken.code == 0 and "no longer allocated" in taken.out
    twice = run_cli(
        capsys, monkeypatch, data_dir, "allocate", fid, "--to", DEVICE, "--remove", env=ENV
    )
    assert twice.code == 1 and "not allocated" in twice.err
    bad = run_cli(capsys, monkeypatch, data_dir, "allocate", fid, "--to", "laptop", env=ENV)
    assert bad.code == 3 and "not a device id" in bad.err
    usage = run_cli(capsys, monkeypatch, data_dir, "allocate", fid, env=ENV)
    assert usage.code == 64
