"""Purging records for good: every table that holds their content, then the freed pages.

A purge (retention destruction) differs from a delete: a delete leaves a tombstone and the
operation log keeps every value the record ever had, so it can sync; a purge removes the
record's row, every operation that carried its values, its search entries, any conflict kept
for it and its attachment bytes. SQLCipher's `secure_delete` (on for every connection) zeroes
the freed space inside pages and freed pages themselves, the search index is merged into one
new segment so the words of a purged record are gone at once instead of at a later merge, and
`scrub` folds the write-ahead log into the database and truncates it, so
no old copy of a page lingers there either. The audit log keeps only the event, never content.

What was purged is remembered as an `erasure` record (ids only), which is what makes a purge
idempotent and stops an operation for a purged record, arriving later from a device that has
not purged yet, from bringing it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..domain.records import ALL, spec_for
from . import search_index
from .atomic import fsync_dir
from .database import Connection

FAMILY = "family"


@dataclass(frozen=True)
class Purged:
    """One record removed from the vault."""

    kind: str
    record_id: str
    family_id: str | None


def create_purge_support(conn: Connection) -> None:
    """Migration 7: find purge markers and holds by record id."""
    conn.execute("CREATE INDEX IF NOT EXISTS erasures_target ON erasures(target_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS legal_holds_target ON legal_holds(target_id)")
    # Not FTS5's own `secure-delete` option: in the SQLite that SQLCipher 4.19 bundles it makes
    # the index fail its checksum after a few hundred ordinary re-indexings
    # (tests/reliability/test_search_index_soundness.py). `purge_records` rewrites the index
    # instead, which leaves no word of a purged record behind either.


def is_erased(conn: Connection, kind: str, record_id: str, family_id: str | None) -> bool:
    """Whether the record, or the whole family it belongs to, has been purged."""
    row = conn.execute(
        "SELECT 1 FROM erasures WHERE deleted = 0 AND ((target_kind = ? AND target_id = ?) "
        "OR (target_kind = 'family' AND target_id = ?)) LIMIT 1",
        (kind, record_id, family_id if family_id is not None else "\x00"),
    ).fetchone()
    return row is not None


def _family_of(conn: Connection, kind: str, record_id: str) -> tuple[bool, str | None]:
    """(exists, family id) of a stored record."""
    spec = spec_for(kind)
    column = spec.family_field
    if column is None:
        found = conn.execute(f'SELECT 1 FROM "{spec.table}" WHERE id = ?', (record_id,))
        return found.fetchone() is not None, None
    row = conn.execute(
        f'SELECT "{column}" FROM "{spec.table}" WHERE id = ?', (record_id,)
    ).fetchone()
    if row is None:
        return False, None
    return True, (str(row[0]) if row[0] is not None else None)


def expand(conn: Connection, targets: Iterable[tuple[str, str]]) -> list[Purged]:
    """Every stored record a purge of `targets` removes (a family takes all its records;
    a record takes its attachments, a concern its additions)."""
    seen: dict[tuple[str, str], Purged] = {}

    def add(kind: str, record_id: str, family_id: str | None) -> None:
        seen.setdefault((kind, record_id), Purged(kind, record_id, family_id))

    for kind, record_id in targets:
        if kind == FAMILY:
            for spec in ALL:
                column = spec.family_field
                if column is None:
                    continue
                for (rid,) in conn.execute(
                    f'SELECT id FROM "{spec.table}" WHERE "{column}" = ?', (record_id,)
                ).fetchall():
                    add(spec.kind, str(rid), record_id)
            continue
        exists, family_id = _family_of(conn, kind, record_id)
        if exists:
            add(kind, record_id, family_id)
    # Dependants: what is attached to a purged record, and additions to a purged concern.
    for item in list(seen.values()):
        for rid, fam in conn.execute(
            "SELECT id, family_id FROM attachments WHERE record_kind = ? AND record_id = ?",
            (item.kind, item.record_id),
        ).fetchall():
            add("attachment", str(rid), fam)
        if item.kind == "concern":
            for rid, fam in conn.execute(
                "SELECT id, family_id FROM concern_additions WHERE concern_id = ?",
                (item.record_id,),
            ).fetchall():
                add("concern_addition", str(rid), fam)
    return list(seen.values())


def purge_records(conn: Connection, records: Iterable[Purged]) -> int:
    """Remove records and everything holding their content (inside the caller's transaction).

    Returns how many records were removed; purging what is already gone removes nothing.
    """
    removed = 0
    for item in records:
        spec = spec_for(item.kind)
        search_index.remove_record(conn, item.kind, item.record_id)
        conn.execute(
            "DELETE FROM conflicts WHERE kind = ? AND record_id = ?", (item.kind, item.record_id)
        )
        conn.execute(
            "DELETE FROM ops WHERE kind = ? AND record_id = ?", (item.kind, item.record_id)
        )
        if item.kind == "attachment":
            conn.execute("DELETE FROM attachment_blobs WHERE id = ?", (item.record_id,))
        removed += conn.execute(
            f'DELETE FROM "{spec.table}" WHERE id = ?', (item.record_id,)
        ).rowcount
    if removed:
        search_index.drop_deleted_words(conn)
    return removed


def holders(conn: Connection, family_id: str) -> set[str]:
    """Devices that held a family: allocated it (now or before) or wrote any of its records."""
    rows = conn.execute(
        "SELECT device_id FROM allocations WHERE family_id = ? UNION "
        "SELECT device FROM ops WHERE family_id = ?",
        (family_id, family_id),
    ).fetchall()
    return {str(r[0]) for r in rows}


def remember_holders(conn: Connection, op_id: str, devices: Iterable[str]) -> None:
    """Note which devices a purge marker must reach (before the purge removes the evidence)."""
    conn.executemany(
        "INSERT OR IGNORE INTO sync_erasure_holders (op_id, device_id) VALUES (?, ?)",
        [(op_id, device) for device in sorted(devices)],
    )


def purge_family_ops(conn: Connection, family_id: str) -> None:
    """Drop every remaining operation of a purged family (records never materialised here)."""
    conn.execute("DELETE FROM ops WHERE family_id = ?", (family_id,))


def scrub(conn: Connection) -> None:
    """Fold the write-ahead log into the database and truncate it (outside any transaction),
    so no copy of a purged page is left in the WAL file; then remove the copies made before
    schema migrations, which still hold the purged records' pages."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    for row in conn.execute("PRAGMA database_list").fetchall():
        if row[1] == "main" and row[2]:
            discard_migration_backups(Path(row[2]))


def discard_migration_backups(db_path: Path) -> list[Path]:
    """Delete the encrypted copies `migrations.make_backup` left beside the vault.

    They exist to recover from a migration that fails; once the vault has opened at the
    current version and a purge has committed, keeping them would keep destroyed records.
    """
    removed = []
    for backup in db_path.parent.glob(f"{db_path.name}.v*.bak*"):
        backup.unlink(missing_ok=True)
        removed.append(backup)
    if removed:
        fsync_dir(db_path.parent)
    return removed
