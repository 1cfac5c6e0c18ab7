"""Re-encrypting the vault under a new data key, so no old copy of its key file opens it.

Changing the passphrase only rewraps the data key: a copy of `vault.keys` saved earlier (in a
backup, on a stolen stick) still unwraps the same data key with the old passphrase, and the
old recovery key still works too. A rekey gives the database a new data key, so every key file
and recovery key made before it opens nothing.

The steps (`Vault.rekey` runs them) are ordered so that a process killed at any moment leaves
a vault that opens with one whole key set, the old or the new:

1. `stage_keys`: the new key file is written whole as `.vault.keys.rekey`;
2. `export_database`: the database is copied under the new data key to `.vault.db.rekey`;
3. the connection is closed, and the migration backups (under the old key) are deleted;
4. `commit`: the staged key file replaces `vault.keys` (one rename: the commit point);
5. `swap_database`: the staged database replaces `vault.db`.

`finish_interrupted`, run at every unlock under the vault's lock, completes a rekey killed after
step 4 and discards one killed before it. While `.vault.keys.rekey` exists the commit has not
happened; `discard` removes the staged database before the staged key file, so a staged
database on its own always means step 4 is done.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..crypto.secret import SecretKey
from .atomic import fsync_dir, fsync_file
from .database import Connection
from .file_modes import touch_private
from .keyfile import KeyFile

DB_NAME = "vault.db"
KEYS_NAME = "vault.keys"
STAGED_DB = f".{DB_NAME}.rekey"
STAGED_KEYS = f".{KEYS_NAME}.rekey"
_SIDECARS = ("-wal", "-shm", "-journal")


def stage_keys(data_dir: Path, keyfile: KeyFile) -> None:
    """Step 1: the new key file, whole and fsynced, beside the current one."""
    keyfile.save(data_dir / STAGED_KEYS)


def export_database(conn: Connection, data_dir: Path, new_key: SecretKey) -> None:
    """Step 2: every table, index, search index and the schema version, under `new_key`."""
    staged = data_dir / STAGED_DB
    _remove(staged)
    touch_private(staged)  # owner-only from the start; SQLite keeps the mode
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{new_key.hex()}'\"", (str(staged),))
    try:
        conn.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
        version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
        conn.execute(f"PRAGMA rekeyed.user_version = {version:d}")
    finally:
        conn.execute("DETACH DATABASE rekeyed")
    fsync_file(staged)
    fsync_dir(data_dir)


def commit(data_dir: Path) -> None:
    """Step 4, the commit point: the new key file replaces the old one."""
    os.replace(data_dir / STAGED_KEYS, data_dir / KEYS_NAME)
    fsync_dir(data_dir)


def swap_database(data_dir: Path) -> None:
    """Step 5: the database under the new key replaces the old one.

    The old database's write-ahead log belongs to the old file (it was folded in and emptied
    before the export, and the connection closed); left beside the new file, SQLite would
    apply its frames to it, so it goes first.
    """
    for suffix in _SIDECARS:
        (data_dir / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    os.replace(data_dir / STAGED_DB, data_dir / DB_NAME)
    fsync_dir(data_dir)


def discard(data_dir: Path) -> None:
    """Undo steps 1–2: the staged database first, then the staged key file."""
    _remove(data_dir / STAGED_DB)
    (data_dir / STAGED_KEYS).unlink(missing_ok=True)
    fsync_dir(data_dir)


def finish_interrupted(data_dir: Path) -> None:
    """Complete or discard a rekey a killed process left half done (call under the lock)."""
    if (data_dir / STAGED_KEYS).exists():
        discard(data_dir)
    elif (data_dir / STAGED_DB).exists():
        swap_database(data_dir)


def _remove(db: Path) -> None:
    for path in (db, *(db.with_name(db.name + suffix) for suffix in _SIDECARS)):
        path.unlink(missing_ok=True)
