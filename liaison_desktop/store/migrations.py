"""Versioned schema migrations: each runs in one transaction after an encrypted backup copy.

A migration is a function of the connection; areas of the app register theirs in order.
The schema version is SQLite's `user_version`, so it changes in the same transaction.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import VaultTooNew
from ..i18n import _
from .atomic import fsync_dir
from .database import Connection
from .file_modes import touch_private


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
    from .record_tables import ensure_tables  # adds tables and columns for new record specs

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
    from .record_tables import ensure_tables

    ensure_tables(conn)  # a vault already at 6 before the records-management kinds existed
    create_purge_support(conn)


def _certificates(conn: Connection) -> None:
    """Device certificates (issue 15): tables, then standing for peers paired before them."""
    from ..sync.certificates import certify_existing  # signing needs the sync identity
    from .sync_schema import create_certificate_tables

    create_certificate_tables(conn)
    certify_existing(conn)


def _erasure_holders(conn: Connection) -> None:
    """Purge markers go only to the devices that held the family (issue 15).

    Markers made before this version keep going where they went before: to every peer.
    """
    from .sync_schema import create_erasure_holder_table

    create_erasure_holder_table(conn)
    conn.execute(
        "INSERT OR IGNORE INTO sync_erasure_holders (op_id, device_id) "
        "SELECT o.op_id, p.device_id FROM ops AS o, sync_peers AS p WHERE o.kind = 'erasure'"
    )


def _audit_anchor(conn: Connection) -> None:
    """Each bundle carries the sender's audit-chain head; the receiver keeps the last one."""
    from .sync_schema import create_audit_anchor_tables

    create_audit_anchor_tables(conn)


def _oversight(conn: Connection) -> None:
    """Issue 23: concern decisions, categories and children; officers' audit events kept."""
    from .record_tables import ensure_tables
    from .sync_schema import create_audit_event_tables

    ensure_tables(conn)
    create_audit_event_tables(conn)
    # The caseload list finds the schools of a family's members from this covering index alone,
    # without decrypting every person's page (only members at another school are in it).
    conn.execute(
        "CREATE INDEX IF NOT EXISTS people_school ON people(family_id, school_id) "
        "WHERE school_id IS NOT NULL AND deleted = 0"
    )


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
    Migration(8, "sync: device certificates signed by a lead, trust roots", _certificates),
    Migration(9, "sync: purge markers only to the devices that held the family", _erasure_holders),
    Migration(10, "sync: audit-chain heads carried in bundles", _audit_anchor),
    Migration(11, "record columns added since: concern stages, ecomap ties", _record_tables),
    Migration(12, "record columns added since: pupils' preferred names", _record_tables),
    Migration(
        13,
        "record tables and columns added since: visit outcomes, time and mileage, action "
        "sources, case plans, access notes, pupil facts, letter templates",
        _record_tables,
    ),
    Migration(
        14,
        "the lead's oversight: concern categories, children and decisions; other devices' "
        "audit events received in bundles",
        _oversight,
    ),
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


def newest_app_version(conn: Connection) -> str:
    """The newest app version recorded in the vault's metadata ("" when none is)."""
    try:
        rows = conn.execute(
            "SELECT key, value FROM meta WHERE key IN "
            "('newest_opened_by_version', 'last_opened_by_version', 'created_by_version')"
        ).fetchall()
    except Exception:  # no meta table: a vault too damaged to say; the schema still refuses it
        return ""
    versions = [str(value) for _key, value in rows if value]
    return max(versions, key=version_key, default="")


def version_key(version: str) -> tuple[int, ...]:
    """A sort key for "1.10.2"-style versions (the numeric release part; suffixes ignored)."""
    release = re.match(r"\d+(?:\.\d+)*", version.strip())
    return tuple(int(part) for part in release.group(0).split(".")) if release else ()


def too_new_message(conn: Connection, found: int, known: int) -> str:
    """What an older app says about a vault written by a newer one: versions, and what to do."""
    newer = newest_app_version(conn)
    if newer and version_key(newer) > version_key(__version__):
        return _(
            "This vault has been opened with Liaison Desktop {newer}, which changed its format "
            "(vault format {found}). This computer has Liaison Desktop {this}, which reads "
            "vault formats up to {known}. Ask your IT team to update Liaison Desktop to "
            "{newer} or later, then open the vault again. Nothing has been changed."
        ).format(newer=newer, found=found, this=__version__, known=known)
    return _(
        "This vault was written by a newer version of Liaison Desktop (vault format {found}). "
        "This computer has Liaison Desktop {this}, which reads vault formats up to {known}. "
        "Ask your IT team to update Liaison Desktop, then open the vault again. Nothing has "
        "been changed."
    ).format(found=found, this=__version__, known=known)


def backup_path(db_path: Path, version: int) -> Path:
    """Where the copy made before migrating from `version` is kept."""
    return db_path.with_name(f"{db_path.name}.v{version}.bak")


def make_backup(conn: Connection, db_path: Path, version: int) -> Path:
    """Copy the (encrypted) database file after folding the WAL into it."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    target = backup_path(db_path, version)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    touch_private(tmp)  # copyfile keeps the mode of a file that is already there: owner-only
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
        raise VaultTooNew(too_new_message(conn, current, latest))
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


def record_app_version(conn: Connection, version: str = __version__) -> None:
    """Note which app opened the vault last, and the newest that ever has (never lowered).

    The newest version is what an older app names when it has to refuse the vault.
    """
    newest = newest_app_version(conn)
    if version_key(version) >= version_key(newest):
        newest = version
    conn.executemany(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
        [("last_opened_by_version", version), ("newest_opened_by_version", newest)],
    )
