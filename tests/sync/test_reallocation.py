"""A family taken back from an officer and later allocated to them again reads the same on
both devices, the officer's late work included (found by the convergence property test:
the lead counted the officer's late operations as held by the officer, which had purged them
from view, so they were never shown there again)."""

from __future__ import annotations

from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.world import Member, create_member, pair


def _send(sender: Member, recipient: Member) -> None:
    with Vault.unlock(sender.data_dir, PASSPHRASE) as vault:
        data = SyncService(Caseload(vault).ctx).export_bytes(recipient.device_id).data
    with Vault.unlock(recipient.data_dir, PASSPHRASE) as vault:
        SyncService(Caseload(vault).ctx).import_bytes([data])


def _family(member: Member, family_id: str) -> tuple[object, ...] | None:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        row = vault.conn.execute(
            "SELECT name, postcode, versions FROM families WHERE id = ?", (family_id,)
        ).fetchone()
    return tuple(row) if row is not None else None


def test_late_work_shows_again_when_the_family_is_allocated_back(tmp_path: Path) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    pair(lead, officer)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        family_id = c.families.create({"name": "Okafor family"}).id
        c.allocations.allocate(family_id, officer.device_id)
    _send(lead, officer)
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:  # late work, not yet sent
        Caseload(vault).families.update(family_id, {"postcode": "LS6 1AA"})
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        Caseload(vault).allocations.remove(family_id, officer.device_id)
    _send(lead, officer)  # the take-back: the family leaves the officer's view
    assert _family(officer, family_id) is None
    _send(officer, lead)  # the late work still reaches the lead
    assert _family(lead, family_id)[1] == "LS6 1AA"  # type: ignore[index]
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        Caseload(vault).allocations.allocate(family_id, officer.device_id)
    for _round in range(3):
        _send(lead, officer)
        _send(officer, lead)

    assert _family(officer, family_id) == _family(lead, family_id)
    assert _family(officer, family_id)[1] == "LS6 1AA"  # type: ignore[index]
