"""The vault: an SQLCipher database opened with a data key unwrapped from the key file."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..crypto.kdf import DEFAULT_TARGET_SECONDS, calibrate
from ..crypto.recovery import MalformedRecoveryKey, generate_recovery_key, parse_recovery_key
from ..crypto.secret import SecretKey
from ..domain.changes import ChangeFeed
from ..errors import (
    KeyFileDamaged,
    NoVault,
    VaultDamaged,
    VaultExists,
    VaultInUse,
    VaultLocked,
    WrongPassphrase,
)
from ..i18n import _
from . import migrations, rekey
from .changes import PendingChanges
from .database import (
    Connection,
    DatabaseError,
    classify,
    open_encrypted,
    translated_errors,
)
from .file_modes import make_private_dir, tighten, touch_private
from .keyfile import KeyFile
from .lockfile import LockHolders, VaultLock
from .storage_checks import REQUIRED_META as REQUIRED_META
from .storage_checks import ROLES as ROLES
from .storage_checks import storage_problems

DB_NAME = "vault.db"
KEYS_NAME = "vault.keys"
LOCK_NAME = "vault.lock"
WORKER_GRACE_SECONDS = 2.0


def vault_exists(data_dir: Path) -> bool:
    """True when `data_dir` holds a vault (its database file is the mark of one)."""
    return (data_dir / DB_NAME).exists()


def recovery_key_bytes(recovery_text: str) -> bytes:
    """The recovery key as typed, read; WrongPassphrase when it is not one at all."""
    try:
        return parse_recovery_key(recovery_text)
    except MalformedRecoveryKey:
        raise WrongPassphrase(
            _("That is not a recovery key: it has 32 letters and digits in groups of four.")
        ) from None


def now_utc() -> str:
    """The current time as an ISO 8601 UTC timestamp."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Vault:
    """An unlocked vault. Use `create`, `unlock` or `unlock_with_recovery` to get one."""

    def __init__(
        self,
        data_dir: Path,
        conn: Connection,
        keyfile: KeyFile,
        data_key: SecretKey,
        lock: VaultLock | None,
    ) -> None:
        self.data_dir = data_dir
        self._conn: Connection | None = conn
        self.keyfile = keyfile
        self._data_key = data_key
        # The lock file, shared with this vault's worker connections: it is released when the
        # last of them closes, so no connection is ever open without the lock held.
        self._holders = LockHolders(lock) if lock is not None else None
        self._parent: Vault | None = None
        self._closing = False  # set (under the guard) when locking starts: no new workers
        self._depth = 0
        # Writes noted in the transaction in progress, published to the feed at its commit
        # (a worker connection shares its parent's feed: see open_worker).
        self.pending_changes = PendingChanges(ChangeFeed())
        self._workers: list[Vault] = []
        self._db: Any = None

    @property
    def db(self) -> Any:
        """The connection through sqlite-utils (imported on first use: it is slow to import,
        and the unlock window should not wait for it)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # -- paths ---------------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def keys_path(self) -> Path:
        return self.data_dir / KEYS_NAME

    @property
    def conn(self) -> Connection:
        """The open connection; VaultLocked once this vault (or a worker's parent) is closed."""
        if self._conn is None or (self._parent is not None and self._parent._conn is None):
            raise VaultLocked(_("The vault is locked. Unlock it to continue."))
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    # -- creating and opening ------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        owner_name: str,
        role: str,
        kdf_target_seconds: float = DEFAULT_TARGET_SECONDS,
    ) -> tuple[Vault, str]:
        """Create a new vault; returns it, open, with the recovery key to show once."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        make_private_dir(data_dir)
        lock = VaultLock(data_dir / LOCK_NAME)
        lock.acquire()
        try:
            tighten(data_dir)
            if vault_exists(data_dir):
                raise VaultExists(
                    _("A vault already exists in {path}; it has not been touched.").format(
                        path=data_dir
                    )
                )
            data_key = SecretKey.generate()
            keyfile = KeyFile.new(calibrate(kdf_target_seconds))
            keyfile.set_passphrase(data_key, passphrase, keyfile.kdf)
            recovery_text = generate_recovery_key()
            keyfile.set_recovery(data_key, parse_recovery_key(recovery_text))

            # Build the database under a temporary name, then write the key file, then rename:
            # the database file appearing is the last step, so a crash leaves no half vault.
            staging = data_dir / f".{DB_NAME}.new"
            for leftover in data_dir.glob(f".{DB_NAME}.new*"):
                leftover.unlink()
            touch_private(staging)  # SQLite gives the -wal and -shm files the same mode
            conn = open_encrypted(staging, data_key)
            try:
                migrations.migrate(conn, staging)
                meta = {
                    "vault_id": keyfile.vault_id,
                    "owner_name": owner_name,
                    "role": role,
                    "device_id": uuid.uuid4().hex,
                    "created_at": now_utc(),
                    "created_by_version": __version__,
                    "last_opened_by_version": __version__,
                    "newest_opened_by_version": __version__,
                }
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", sorted(meta.items()))
                conn.execute("COMMIT")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                conn.close()
            keyfile.save(data_dir / KEYS_NAME)
            os.replace(staging, data_dir / DB_NAME)
            vault = cls._open(data_dir, keyfile, data_key, lock)
        except BaseException:
            lock.release()
            raise
        return vault, recovery_text

    @classmethod
    def unlock(cls, data_dir: Path, passphrase: str) -> Vault:
        """Open the vault with its passphrase; WrongPassphrase leaves everything as it was."""
        lock, keyfile = cls._prepare(data_dir)
        try:
            data_key = keyfile.unwrap_with_passphrase(passphrase)
            return cls._open(data_dir, keyfile, data_key, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def unlock_with_recovery(cls, data_dir: Path, recovery_text: str) -> Vault:
        """Open the vault with the recovery key printed at creation."""
        recovery = recovery_key_bytes(recovery_text)
        lock, keyfile = cls._prepare(data_dir)
        try:
            data_key = keyfile.unwrap_with_recovery(recovery)
            return cls._open(data_dir, keyfile, data_key, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def unlock_with_key(cls, data_dir: Path, keyfile: KeyFile, data_key: SecretKey) -> Vault:
        """Open with an already unwrapped data key (lets callers time the KDF and open apart)."""
        lock, _keyfile = cls._prepare(data_dir)
        try:
            return cls._open(data_dir, keyfile, data_key, lock)
        except BaseException:
            lock.release()
            raise

    @staticmethod
    def load_keyfile(data_dir: Path) -> KeyFile:
        """The key file of the vault in `data_dir` (NoVault when there is none)."""
        if not vault_exists(data_dir):
            raise NoVault(
                _("There is no vault in {path}. Create one first ('liaison init').").format(
                    path=data_dir
                )
            )
        return KeyFile.load(data_dir / KEYS_NAME)

    @classmethod
    def _prepare(cls, data_dir: Path) -> tuple[VaultLock, KeyFile]:
        cls.load_keyfile(data_dir)  # NoVault or KeyFileDamaged before anything is touched
        lock = VaultLock(data_dir / LOCK_NAME)
        lock.acquire()
        try:
            # A vault written by an older version (or under umask 022) is closed to other
            # accounts before its files are opened again.
            tighten(data_dir)
            rekey.finish_interrupted(data_dir)  # a rekey killed half way: one key set stays
            return lock, cls.load_keyfile(data_dir)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open(cls, data_dir: Path, keyfile: KeyFile, data_key: SecretKey, lock: VaultLock) -> Vault:
        conn = open_encrypted(data_dir / DB_NAME, data_key)
        try:
            with translated_errors():
                row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
                if row is None or row[0] != keyfile.vault_id:
                    raise KeyFileDamaged(
                        _(
                            "The key file does not belong to this vault. Restore the key file "
                            "that was saved with it; nothing has been changed."
                        )
                    )
                migrations.migrate(conn, data_dir / DB_NAME)
                migrations.record_app_version(conn, __version__)
        except BaseException:
            conn.close()
            raise
        return cls(data_dir, conn, keyfile, data_key, lock)

    # -- keys ----------------------------------------------------------------------------------
    def change_passphrase(
        self, new_passphrase: str, *, kdf_target_seconds: float = DEFAULT_TARGET_SECONDS
    ) -> None:
        """Rewrap the data key under a new passphrase (the database is not re-encrypted)."""
        self.keyfile.set_passphrase(self._data_key, new_passphrase, calibrate(kdf_target_seconds))
        self.keyfile.save(self.keys_path)

    def rekey(self, passphrase: str, *, kdf_target_seconds: float = DEFAULT_TARGET_SECONDS) -> str:
        """Re-encrypt the vault under a new data key; returns the new recovery key to show once.

        `passphrase` opens the vault afterwards. Every earlier copy of the key file, with any
        passphrase, and the old recovery key stop opening it; the migration backups made under
        the old key are deleted. A kill at any point leaves one whole key set (store/rekey.py).
        """
        holders = self._holders
        if self._parent is not None or holders is None or self._depth:
            raise RuntimeError("rekey runs on the vault's own connection, outside transactions")
        with holders.guard:
            if self._workers:
                raise VaultInUse(
                    _(
                        "Background work is still using the vault. Wait for it to finish and "
                        "try again; nothing has been changed."
                    )
                )
            self._closing = True  # no worker may open with the old key meanwhile
        try:
            return self._rekey(passphrase, kdf_target_seconds)
        finally:
            self._closing = False

    def _rekey(self, passphrase: str, kdf_target_seconds: float) -> str:
        conn = self.conn
        new_key = SecretKey.generate()
        keyfile = KeyFile(
            vault_id=self.keyfile.vault_id,
            kdf=calibrate(kdf_target_seconds),
            recovery_salt=os.urandom(16),
        )
        keyfile.set_passphrase(new_key, passphrase, keyfile.kdf)
        recovery_text = generate_recovery_key()
        keyfile.set_recovery(new_key, parse_recovery_key(recovery_text))
        try:
            rekey.stage_keys(self.data_dir, keyfile)
            with translated_errors():
                rekey.export_database(conn, self.data_dir, new_key)
        except BaseException:
            with contextlib.suppress(OSError):
                rekey.discard(self.data_dir)
            new_key.wipe()
            raise
        # The old connection must be gone before the files change under it.
        self._conn = None
        self._db = None
        with contextlib.suppress(*DatabaseError):
            conn.close()
        try:
            from .purge import discard_migration_backups  # purge imports the record specs

            discard_migration_backups(self.db_path)  # copies under the old key
            rekey.commit(self.data_dir)
            rekey.swap_database(self.data_dir)
            self._conn = open_encrypted(self.db_path, new_key)
        except BaseException:
            # Whether the commit happened or not, the files are finished or rolled back now if
            # they can be, else at the next unlock; either way one whole key set opens them.
            with contextlib.suppress(OSError):
                rekey.finish_interrupted(self.data_dir)
            new_key.wipe()
            self._lock_after_failed_rekey()
            raise
        self._data_key.wipe()
        self._data_key = new_key
        self.keyfile = keyfile
        return recovery_text

    def _lock_after_failed_rekey(self) -> None:
        """Lock the vault whose connection a failed rekey closed (close() needs one open)."""
        holders = self._holders
        self._data_key.wipe()
        if holders is not None:
            with holders.guard:
                holders.count -= 1
                holders.released = True
                holders.lock.release()
                holders.guard.notify_all()

    # -- transactions and metadata -------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """All or nothing: the outermost level is BEGIN IMMEDIATE, inner levels savepoints."""
        conn = self.conn
        name = f"sp{self._depth}"
        try:
            conn.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {name}")
        except DatabaseError as exc:
            raise classify(exc) from exc
        self._depth += 1
        try:
            yield conn
        except BaseException:
            self._depth -= 1
            with contextlib.suppress(*DatabaseError):
                if self._depth == 0:
                    conn.execute("ROLLBACK")
                    self.pending_changes.rolled_back()
                else:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
            raise
        self._depth -= 1
        try:
            conn.execute("COMMIT" if self._depth == 0 else f"RELEASE {name}")
        except DatabaseError as exc:
            if self._depth == 0:
                with contextlib.suppress(*DatabaseError):
                    conn.execute("ROLLBACK")
                self.pending_changes.rolled_back()
            raise classify(exc) from exc
        if self._depth == 0:
            self.pending_changes.committed()

    @contextmanager
    def bulk_writes(self, cache_mib: int = 64) -> Iterator[None]:
        """A larger page cache for a long run of writes (demo data, big imports); then restored.

        Thousands of records touch many index pages; with SQLite's default 2 MiB cache each
        page is decrypted, evicted, re-read and re-encrypted over and over.
        """
        conn = self.conn
        previous = int(conn.execute("PRAGMA cache_size").fetchone()[0])
        conn.execute(f"PRAGMA cache_size = {-int(cache_mib) * 1024:d}")
        try:
            yield
        finally:
            if self._conn is not None:
                with contextlib.suppress(*DatabaseError):
                    self._conn.execute(f"PRAGMA cache_size = {previous:d}")

    def meta(self) -> dict[str, str]:
        """Every metadata entry (owner, role, device id, versions)."""
        with translated_errors():
            return {k: v for k, v in self.conn.execute("SELECT key, value FROM meta")}

    def set_meta(self, key: str, value: str) -> None:
        """Set one metadata entry."""
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- checks --------------------------------------------------------------------------------
    def verify_storage(self) -> list[str]:
        """Storage-level checks (store/storage_checks.py); empty means the vault is sound."""
        return storage_problems(self.conn, self.meta())

    # -- worker connections --------------------------------------------------------------------
    def open_worker(self) -> Vault:
        """A second connection to this vault for a background thread (one per worker).

        SQLite connections are not shared across threads, so the worker thread opens, uses and
        closes this one itself. It holds its own copy of the data key; WAL lets it read while
        the GUI reads, and writers take turns through SQLite's busy timeout. Locking the vault
        interrupts whatever a worker is running (closing a connection another thread is using
        would crash), and the lock file stays held until the worker has closed too.
        """
        holders = self._holders
        if holders is None or self._conn is None:
            raise VaultLocked(_("The vault is locked. Unlock it to continue."))
        with holders.guard:
            if holders.released or self._closing or self._conn is None:
                raise VaultLocked(_("The vault is locked. Unlock it to continue."))
            conn = open_encrypted(self.db_path, self._data_key)
            key = SecretKey(self._data_key.reveal())
            worker = Vault(self.data_dir, conn, self.keyfile, key, None)
            worker._holders = holders
            worker._parent = self
            worker.pending_changes = PendingChanges(self.pending_changes.feed)
            holders.count += 1
            self._workers.append(worker)
        return worker

    @property
    def changes(self) -> ChangeFeed:
        """Where this vault's committed writes are announced (see store/changes.py)."""
        return self.pending_changes.feed

    # -- locking -------------------------------------------------------------------------------
    def close(self) -> None:
        """Lock: close this connection and wipe its key; interrupt workers still running.

        Each worker closes its own connection when its work ends (interrupted work ends at
        once); the lock file is released when the last connection has closed.
        """
        holders = self._holders
        if holders is not None and self._parent is None and self._conn is not None:
            with holders.guard:
                self._closing = True
                for worker in self._workers:
                    worker.interrupt()
                # Interrupted work ends within moments; wait for it so that unlocking again at
                # once is not refused. Work busy outside SQLite keeps the lock until it closes.
                holders.guard.wait_for(lambda: holders.count == 1, timeout=WORKER_GRACE_SECONDS)
        if self._conn is not None:
            with contextlib.suppress(*DatabaseError):
                self._conn.close()
            self._conn = None
            if holders is not None:
                with holders.guard:
                    holders.count -= 1
                    if self._parent is not None and self in self._parent._workers:
                        self._parent._workers.remove(self)
                    if holders.count == 0:
                        holders.released = True
                        holders.lock.release()
                    holders.guard.notify_all()
        self._data_key.wipe()

    def interrupt(self) -> None:
        """Make the statement running on this connection (in any thread) stop with an error."""
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(*DatabaseError):
                conn.interrupt()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["ROLES", "Vault", "VaultDamaged", "now_utc", "vault_exists"]
