"""Acceptance 1 of issue 10 on one device: the review queue, destroy = purge, holds, audit, and
a canary that is gone from every decrypted page of the vault — used, free and in the WAL."""

from __future__ import annotations

from datetime import date

import pytest

from liaison_desktop.errors import InputRejected, NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.migrations import make_backup, schema_version
from liaison_desktop.store.vault import Vault
from tests.helpers import new_canary
from tests.records.case_helpers import close_long_ago, make_case, snapshot_vault
from tests.records.conftest import LONG_AGO
from tests.records.sqlcipher_pages import (
    database_pages,
    layout_of,
    pages_containing,
    plaintext_pages,
)
from tests.services.caseload_helpers import caseload_on

AFTER_CP = date(2030, 1, 1)  # the pupil (born 2004) is 25: child-protection records are due


def _canary() -> str:
    # Lower case: the search index stores words folded to lower case.
    return new_canary("zqcanary").lower().replace("-", "")


def _pages(vault: Vault) -> list[bytes]:
    return plaintext_pages(vault.db_path, vault._data_key.reveal(), layout_of(vault.conn))


def test_a_destroyed_record_is_gone_from_every_page_of_the_vault(lead: Caseload) -> None:
    canary = _canary()
    case = make_case(lead, note_text=f"Family shared {canary} with me", concern_text=canary)
    lead.notes.update(case.note_id, {"text": f"Corrected: {canary} again"})  # two op versions
    close_long_ago(lead, case.family_id, LONG_AGO)
    vault = lead.vault
    vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    before = _pages(vault)
    assert pages_containing(before, canary), "the page decryptor must find the canary"
    assert lead.search.search(canary)

    later = caseload_on(vault, today=AFTER_CP)
    [review] = later.retention.review_queue()
    assert ("note", case.note_id) in {(i.kind, i.record_id) for i in review.items}
    result = later.purges.destroy(case.family_id, reason="Retention period ended")
    assert result.family_destroyed and result.records >= 5

    after = _pages(vault)
    assert pages_containing(after, canary) == []
    assert not (vault.db_path.with_name(vault.db_path.name + "-wal")).exists() or (
        vault.db_path.with_name(vault.db_path.name + "-wal").stat().st_size == 0
    )
    assert later.families.find(case.family_id) is None
    assert later.search.search(canary) == []
    assert vault.conn.execute(
        "SELECT count(*) FROM ops WHERE family_id = ?", (case.family_id,)
    ).fetchone() == (0,)
    assert vault.verify_storage() == []


def test_the_audit_keeps_the_purge_event_without_the_content(lead: Caseload) -> None:
    canary = _canary()
    case = make_case(lead, note_text=canary)
    close_long_ago(lead, case.family_id, LONG_AGO)
    lead.purges.destroy(case.family_id, reason="Retention period ended",
                        records_=[("note", case.note_id)])  # fmt: skip
    events = [e for e in lead.audit.all() if e.action == "purge"]
    assert [(e.kind, e.record_id, e.actor, e.detail) for e in events] == [
        ("note", case.note_id, "Dana Lead", "Retention period ended")
    ]
    assert events[0].at
    assert not any(canary in repr(e) for e in lead.audit.all())
    assert lead.audit and not lead.vault.verify_storage()
    assert lead.notes.find(case.note_id) is None
    assert lead.people.find(case.pupil_id) is not None  # only the note went


def test_a_held_record_cannot_be_purged_and_nothing_changes(lead: Caseload) -> None:
    case = make_case(lead)
    close_long_ago(lead, case.family_id, LONG_AGO)
    lead.holds.place(case.family_id, reason="Inquiry", record=("note", case.note_id))
    lead.vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    before = snapshot_vault(lead.vault)
    with pytest.raises(InputRejected, match=r"legal hold.*Nothing was destroyed"):
        lead.purges.destroy(case.family_id, reason="Retention period ended")
    assert snapshot_vault(lead.vault) == before
    assert lead.notes.find(case.note_id) is not None
    [review] = lead.retention.review_queue()
    assert {i.record_id: i.held for i in review.items}[case.note_id] is True


def test_a_family_hold_protects_every_record_until_released(lead: Caseload) -> None:
    case = make_case(lead)
    close_long_ago(lead, case.family_id, LONG_AGO)
    hold = lead.holds.place(case.family_id, reason="Proceedings")
    with pytest.raises(InputRejected, match="legal hold"):
        lead.purges.destroy(case.family_id, reason="x", records_=[("note", case.note_id)])
    lead.holds.release(hold.id, reason="Proceedings ended")
    lead.purges.destroy(case.family_id, reason="x", records_=[("note", case.note_id)])
    assert lead.notes.find(case.note_id) is None


def test_records_not_yet_due_cannot_be_destroyed(lead: Caseload, vault: Vault) -> None:
    case = make_case(lead)
    with pytest.raises(InputRejected, match="Nothing of this case"):
        lead.purges.destroy(case.family_id, reason="x")
    close_long_ago(lead, case.family_id, LONG_AGO)
    with pytest.raises(InputRejected, match="not reached their retention date"):
        lead.purges.destroy(case.family_id, reason="x", records_=[("concern", case.concern_id)])
    assert lead.concerns.find(case.concern_id) is not None
    with pytest.raises(NotPermitted):
        caseload_on(vault).purges.destroy(case.family_id, reason="x")


def test_a_purge_removes_the_copies_kept_from_schema_migrations(lead: Caseload) -> None:
    canary = _canary()
    case = make_case(lead, note_text=f"Family shared {canary} with me")
    close_long_ago(lead, case.family_id, LONG_AGO)
    vault = lead.vault
    # The copy a migration makes before it runs: an encrypted snapshot holding the canary.
    backup = make_backup(vault.conn, vault.db_path, schema_version(vault.conn))
    layout = layout_of(vault.conn)
    copied = database_pages(backup, vault._data_key.reveal(), layout)
    assert pages_containing(copied, canary), "the backup must hold the record before the purge"

    later = caseload_on(vault, today=AFTER_CP)
    later.purges.destroy(case.family_id, reason="Retention period ended")

    assert not backup.exists()
    assert list(vault.db_path.parent.glob("*.bak*")) == []
    assert vault.verify_storage() == []
