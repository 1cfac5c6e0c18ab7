"""The search index stays sound through ordinary note edits (found by the kill -9 note test).

Migration 7 turned on FTS5's `secure-delete` option (for purges). With it on, the SQLite build
we ship (SQLCipher 4.19.0) reports `fts5: checksum mismatch for table "search_fts"` from
`PRAGMA integrity_check` after a few hundred re-indexings of notes, with no crash or kill
involved, so `liaison verify` calls a healthy vault damaged. The same sequence with the option
off stays sound (second test). Marked xfail(strict=True) until the index is fixed: when this
starts passing, remove the mark and the matching filter in test_kill_notes.py.
"""

from __future__ import annotations

import random

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault

from .child import note_text


def edit_notes_until_unsound(vault: Vault, rounds: int = 300) -> list[str]:
    """Write and re-save drafts (seeded); the integrity check's complaints, if any."""
    caseload = Caseload(vault)
    family_id = caseload.families.create({"name": "Index family"}).id
    rng = random.Random(20261123)
    drafts: list[str] = []
    for n in range(rounds):
        text = note_text(rng, f"r{n}")
        if drafts and rng.random() < 0.5:
            caseload.notes.save_draft(rng.choice(drafts), text)
        else:
            drafts.append(caseload.notes.write(family_id, text).id)
    rows = vault.conn.execute("PRAGMA integrity_check").fetchall()
    return [str(r[0]) for r in rows if r[0] != "ok"]


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="FTS5 secure-delete (migration 7) trips the search index's checksum after "
    "repeated re-indexing in SQLCipher 4.19.0; needs a fix in store/ (reported by issue 8)",
)
def test_search_index_passes_the_integrity_check_after_many_note_edits(vault: Vault) -> None:
    assert edit_notes_until_unsound(vault) == []


@pytest.mark.slow
def test_without_fts_secure_delete_the_same_edits_leave_the_index_sound(vault: Vault) -> None:
    vault.conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 0)")
    assert edit_notes_until_unsound(vault) == []
