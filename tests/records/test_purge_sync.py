"""Acceptance 1 of issue 10 across devices: a purge reaches the officer's device by sync, and
an operation for a purged record arriving later never brings it back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import new_canary
from tests.records.case_helpers import close_long_ago, make_case
from tests.records.conftest import LONG_AGO
from tests.records.sqlcipher_pages import layout_of, pages_containing, plaintext_pages
from tests.services.caseload_helpers import caseload_on
from tests.sync.world import Member, create_member, pair

AFTER_CP = date(2030, 1, 1)


def _send(sender: Member, recipient: Member) -> None:
    with Vault.unlock(sender.data_dir, PASSPHRASE) as vault:
        data = SyncService(caseload_on(vault).ctx).export_bytes(recipient.device_id).data
    with Vault.unlock(recipient.data_dir, PASSPHRASE) as vault:
        SyncService(caseload_on(vault).ctx).import_bytes([data])


def _pages(vault: Vault) -> list[bytes]:
    return plaintext_pages(vault.db_path, vault._data_key.reveal(), layout_of(vault.conn))


def test_destroy_purges_on_the_officers_device_after_a_sync(tmp_path: Path) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    officer = create_member(tmp_path, "officer", "officer")
    pair(lead, officer)
    canary = new_canary("zqcanary").lower().replace("-", "")
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = caseload_on(vault)
        case = make_case(caseload, note_text=f"Notes on {canary}")
        kept = caseload.families.create({"name": "Kept family"}).id
        for family in (case.family_id, kept):
            caseload.allocations.allocate(family, officer.device_id, officer_name="officer")
        close_long_ago(caseload, case.family_id, LONG_AGO)
    _send(lead, officer)
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        mine = caseload_on(vault)
        assert mine.notes.find(case.note_id) is not None
        # The officer edits the note before hearing of the purge: this must not revive it.
        mine.notes.update(case.note_id, {"text": f"Late edit {canary}"})
        vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        assert pages_containing(_pages(vault), canary)

    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        later = caseload_on(vault, today=AFTER_CP)
        later.purges.destroy(case.family_id, reason="Retention period ended")
        assert later.families.find(case.family_id) is None
    _send(officer, lead)  # the officer's late edit arrives after the purge
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = caseload_on(vault)
        assert caseload.notes.find(case.note_id) is None
        assert caseload.families.find(case.family_id) is None
        assert pages_containing(_pages(vault), canary) == []

    _send(lead, officer)
    with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
        mine = caseload_on(vault)
        assert mine.families.find(case.family_id) is None
        assert mine.notes.find(case.note_id) is None
        assert mine.families.find(kept) is not None
        assert vault.conn.execute(
            "SELECT count(*) FROM ops WHERE family_id = ?", (case.family_id,)
        ).fetchone() == (0,)
        assert mine.search.search(canary) == []
        assert pages_containing(_pages(vault), canary) == []
        assert "sync-purge" in {e.action for e in mine.audit.all()}

    # Nothing comes back however the bundles go round again, and applying twice is a no-op.
    _send(officer, lead)
    _send(lead, officer)
    for member in (lead, officer):
        with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
            assert caseload_on(vault).families.find(case.family_id) is None


def _markers(member: Member) -> list[dict[str, object]]:
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        rows = vault.conn.execute(
            "SELECT target_kind, target_id, target_family, reason FROM erasures"
        ).fetchall()
    return [dict(zip(("kind", "id", "family", "reason"), r, strict=True)) for r in rows]


def test_purge_markers_reach_only_devices_that_held_the_case_and_carry_no_free_text(
    tmp_path: Path,
) -> None:
    lead = create_member(tmp_path, "lead", "lead")
    holder = create_member(tmp_path, "holder", "officer")
    earlier = create_member(tmp_path, "earlier", "officer")  # held it, then it was taken back
    stranger = create_member(tmp_path, "stranger", "officer")
    for officer in (holder, earlier, stranger):
        pair(lead, officer)
    words = new_canary("Mr Zed's inquiry")
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = caseload_on(vault)
        case = make_case(caseload, note_text="Notes")
        caseload.allocations.allocate(case.family_id, earlier.device_id, officer_name="earlier")
    _send(lead, earlier)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload = caseload_on(vault)
        caseload.allocations.remove(case.family_id, earlier.device_id)
        caseload.allocations.allocate(case.family_id, holder.device_id, officer_name="holder")
        stranger_family = caseload.families.create({"name": "Other family"}).id
        caseload.allocations.allocate(stranger_family, stranger.device_id)
        close_long_ago(caseload, case.family_id, LONG_AGO)
    for officer in (holder, earlier, stranger):
        _send(lead, officer)

    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
        caseload_on(vault, today=AFTER_CP).purges.destroy(case.family_id, reason=words)
    for officer in (holder, earlier, stranger):
        _send(lead, officer)

    for officer in (holder, earlier):
        markers = _markers(officer)
        assert {"kind": "family", "id": case.family_id, "family": case.family_id,
                "reason": "retention"} in markers  # fmt: skip
        assert {m["reason"] for m in markers} == {"retention"}
    assert _markers(stranger) == []
    with Vault.unlock(stranger.data_dir, PASSPHRASE) as vault:
        assert vault.conn.execute(
            "SELECT count(*) FROM ops WHERE kind = 'erasure' OR family_id = ?", (case.family_id,)
        ).fetchone() == (0,)
    with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:  # the lead's words stay with the lead
        assert words in {e.detail for e in caseload_on(vault).audit.all()}
        reasons = vault.conn.execute("SELECT DISTINCT reason FROM erasures").fetchall()
        assert reasons == [("retention",)]
