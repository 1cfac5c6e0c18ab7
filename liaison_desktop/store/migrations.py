"""Versioned schema migrations: each runs in one transaction after an encrypted backup copy.

A migration is a function of the connection; areas of the app register theirs in order.
The schema version is SQLite's `user_version`, so it changes in the same transaction.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import VaultTooNew
from ..i18n import _
from .atomic import fsync_dir
from .database import Connection


@dataclass(frozen=True)
class Migration:
    """One step of the schema: version N is reached by applying `apply`."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _initial_schema(conn: Connection) -> None:
    conn.execute(
        "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID"
    )


def _caseload_schema(conn: Connection) -> None:
    from .caseload_schema import create_caseload  # the record specs import the whole domain

    create_caseload(conn)


def _sync_schema(conn: Connection) -> None:
    from .sync_schema import create_sync_tables

    create_sync_tables(conn)


def _record_tables(conn: Connection) -> None:
    from .record_store import ensure_tables  # adds tables and columns for new record specs

    ensure_tables(conn)


def _contact_indexes(conn: Connection) -> None:
    # Covering indexes for "last contact" in the caseload list: without them every note's
    # page (text and all) is decrypted to find one date per family.
    conn.execute(
        "CREATE INDEX IF NOT EXISTS notes_last_contact ON notes(family_id, deleted, written_at)"
    )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS visits_last_contact ON visits(family_id, deleted, status, date)"
    )


def _rm(conn: Connection) -> None:
    """Records management (issue 10): its record tables, purge-marker and hold indexes."""
    from .purge import create_purge_support
    from .record_store import ensure_tables

    ensure_tables(conn)  # a vault already at 6 before the records-management kinds existed
    create_purge_support(conn)


MIGRATIONS: list[Migration] = [
    Migration(1, "vault metadata", _initial_schema),
    Migration(2, "caseload records, operation log, audit log, search index", _caseload_schema),
    Migration(3, "sync: peers, bundles, acknowledgements, conflicts, history", _sync_schema),
    Migration(4, "record tables added since: child-protection file transfers", _record_tables),
    Migration(5, "indexes for each family's last contact", _contact_indexes),
    Migration(
        6, "record tables added since: records management, outcomes, engagement", _record_tables
    ),
    Migration(7, "records management: purge markers, holds by id, FTS5 secure delete", _rm),
]


def register(migration: Migration) -> None:
    """Add a migration; versions must follow on from the last one."""
    expected = MIGRATIONS[-1].version + 1
    if migration.version != expected:
        raise ValueError(f"migration {migration.version} registered, expected {expected}")
    MIGRATIONS.append(migration)


def latest_version() -> int:
    """The schema version this build of the app writes."""
    return MIGRATIONS[-1].version


def schema_version(conn: Connection) -> int:
    """The vault's current schema version."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_path(db_path: Path, version: int) -> Path:
    """Where the copy made before migrating from `version` is kept."""
    return db_path.with_name(f"{db_path.name}.v{version}.bak")


def make_backup(conn: Connection, db_path: Path, version: int) -> Path:
    """Copy the (encrypted) database file after folding the WAL into it."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    target = backup_path(db_path, version)
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(db_path, tmp)
    with open(tmp, "rb+") as fh:
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(target)
    fsync_dir(target.parent)
    return target


def migrate(conn: Connection, db_path: Path) -> list[int]:
    """Bring the schema up to date; returns the versions applied (empty when current)."""
    current = schema_version(conn)
    latest = latest_version()
    if current > latest:
        raise VaultTooNew(
            _(
                "This vault was last used by a newer version of Liaison Desktop (schema "
                "{found}, this app knows {known}). Install the newer version to open it; "
                "nothing has been changed."
            ).format(found=current, known=latest)
        )
    pending = [m for m in MIGRATIONS if m.version > current]
    if not pending:
        return []
    if current > 0:
        make_backup(conn, db_path, current)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for migration in pending:
            migration.apply(conn)
        conn.execute(f"PRAGMA user_version = {latest:d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return [m.version for m in pending]
