"""The search index stays sound through ordinary note edits (found by the kill -9 note test).

Migration 7 first turned on FTS5's `secure-delete` option (for purges). With it on, the SQLite
build we ship (SQLCipher 4.19.0) reported `fts5: checksum mismatch for table "search_fts"` from
`PRAGMA integrity_check` after a few hundred re-indexings of notes, with no crash or kill
involved, so `liaison verify` called a healthy vault damaged. The option is now left off and a
purge merges the index instead (`store/search_index.drop_deleted_words`).
"""

from __future__ import annotations

import random

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.search_index import drop_deleted_words
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
def test_search_index_passes_the_integrity_check_after_many_note_edits(vault: Vault) -> None:
    assert edit_notes_until_unsound(vault) == []


@pytest.mark.slow
def test_the_index_stays_sound_after_edits_and_a_purge_merge(vault: Vault) -> None:
    option = vault.conn.execute(
        "SELECT v FROM search_fts_config WHERE k = 'secure-delete'"
    ).fetchone()
    assert option is None or option[0] == 0
    assert edit_notes_until_unsound(vault) == []
    with vault.transaction():
        drop_deleted_words(vault.conn)
    rows = vault.conn.execute("PRAGMA integrity_check").fetchall()
    assert [str(r[0]) for r in rows] == ["ok"]
