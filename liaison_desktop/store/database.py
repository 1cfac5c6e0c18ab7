"""Opening the SQLCipher database with a raw 256-bit key and the settings DESIGN §3 requires."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from ..crypto.secret import SecretKey
from ..errors import LiaisonError, StorageFull, VaultDamaged, VaultInUse, VaultLocked
from ..i18n import _

# The same settings are applied to the plain-SQLite baseline in bench/, so ratios compare
# encryption alone.
SETTINGS_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA busy_timeout = 5000",
    # 32 MiB of decrypted pages: the search index's hot pages of a 20,000-family vault stay in
    # memory after the first searches instead of being decrypted again for every keystroke.
    "PRAGMA cache_size = -32768",
)

DatabaseError: tuple[type[Exception], ...] = (sqlcipher3.DatabaseError, sqlite3.DatabaseError)
Connection = Any  # sqlcipher3.Connection has no type stubs


def damaged_message() -> str:
    """What to tell a person whose vault failed to read."""
    return _(
        "The vault file is damaged and part of it cannot be read. Nothing more has been "
        "written to it. Run 'liaison verify' for details and restore the vault from a backup "
        "or a sync with your safeguarding lead."
    )


def apply_settings(conn: Connection) -> None:
    """WAL, durable commits, in-memory temp storage, foreign keys and secure delete."""
    for pragma in SETTINGS_PRAGMAS:
        conn.execute(pragma).fetchall()


def use_key(conn: Connection, key: SecretKey) -> None:
    """Give a fresh connection the raw data key (SQLCipher's own logging off)."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")


def open_encrypted(path: Path, key: SecretKey) -> Connection:
    """Open (or create) the database with the raw data key; raise VaultDamaged if it won't read."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        use_key(conn, key)
        # The first read checks the key and page 1's HMAC.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower():
            # A wrong key and a damaged first page look the same to SQLCipher.
            raise VaultDamaged(
                _(
                    "The vault file could not be decrypted: either its key file belongs to "
                    "another vault, or the vault file is damaged. Nothing has been changed. "
                    "Restore the vault and its key file together from a backup."
                )
            ) from None
        raise classify(exc) from None
    try:
        apply_settings(conn)
    except DatabaseError as exc:
        conn.close()
        raise classify(exc) from None
    return conn


def classify(exc: BaseException) -> LiaisonError:
    """Turn an SQLite error into the project's own, with a message for a person."""
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return StorageFull(
            _("The disk is full, so the change was not saved. Free some space and try again.")
        )
    if "readonly" in text or "read-only" in text:
        return StorageFull(
            _("The vault's folder is read-only, so the change was not saved. Nothing was lost.")
        )
    if str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_IOERR") or (
        "disk i/o error" in text
    ):
        # The OS refused to read, write or grow a file (a file at its size limit or a quota
        # gives EFBIG or EDQUOT, which SQLite reports as an I/O error, not as a full disk).
        # The transaction was rolled back and the pages are sound (a damaged page is reported
        # as corrupt), so calling the vault damaged would send the officer to restore it.
        return StorageFull(
            _(
                "The disk refused to store the change (it may be full, over a size limit, "
                "removed or failing), so it was not saved. Nothing else was lost. Free some "
                "space or check the disk, then try again."
            )
        )
    if "interrupted" in text:
        return VaultLocked(
            _("The vault was locked while this was running; nothing from it was saved.")
        )
    if "database is locked" in text or "busy" in text:
        return VaultInUse(_("The vault is busy in another process. Try again in a moment."))
    return VaultDamaged(damaged_message())


@contextmanager
def translated_errors() -> Iterator[None]:
    """Report SQLite failures as the project's own errors instead of tracebacks."""
    try:
        yield
    except DatabaseError as exc:
        raise classify(exc) from exc
