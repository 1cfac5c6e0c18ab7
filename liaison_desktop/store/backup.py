"""Backups of the vault that open only with its passphrase or recovery key, and restoring one.

A backup is a folder `liaison-backup-YYYYMMDD-HHMMSS` holding `vault.db` (SQLCipher's
`VACUUM INTO` of the open vault: a consistent copy, encrypted with the same data key, never
plaintext on the way), `vault.keys` (the key file: the data key wrapped by the passphrase and
by the recovery key, nothing else) and `manifest.json` (when, which schema, the files'
SHA-256; no case data). It is written under a hidden temporary name, fsynced, checked (opened
read-only with the data key: SQLCipher's page MACs and SQLite's quick check, the vault id and
the number of operations in the log) and only then renamed into place, so a backup folder
that exists is whole.

Restoring checks the manifest's hashes, opens the backup's key file with the passphrase (or
recovery key: a wrong one is refused and nothing is touched), checks the copy the same way,
then puts it in the data folder through a sibling folder and renames; a vault already there
is moved aside, never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from .. import __version__
from ..crypto.secret import SecretKey
from ..errors import LiaisonError
from ..i18n import _
from .atomic import fsync_dir, fsync_file
from .database import use_key
from .file_modes import tighten
from .keyfile import KeyFile
from .lockfile import VaultLock
from .vault import DB_NAME, KEYS_NAME, LOCK_NAME, Vault, vault_exists

PREFIX = "liaison-backup-"
MANIFEST = "manifest.json"
FORMAT = "liaison-backup/1"


class BackupDamaged(LiaisonError):
    """A backup is incomplete, altered or does not open."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup folder, as its manifest describes it."""

    path: Path
    created_at: str
    schema_version: int
    operations: int  # in the operation log: the copy is checked to hold them all


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_copy(db_path: Path, key: SecretKey, vault_id: str) -> int:
    """Open a copy read-only with `key` and check it whole; how many operations it holds.

    BackupDamaged if it does not decrypt, fails SQLCipher's page checks or SQLite's quick
    check, or belongs to another vault."""
    uri = f"file:{db_path}?mode=ro"
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlcipher3.DatabaseError as exc:
        raise BackupDamaged(_("The backup's vault file cannot be opened.")) from exc
    try:
        use_key(conn, key)
        conn.execute("PRAGMA query_only = ON")
        pages = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        quick = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
        operations = int(conn.execute("SELECT count(*) FROM ops").fetchone()[0])
    except sqlcipher3.DatabaseError as exc:
        raise BackupDamaged(
            _("The backup's vault file does not decrypt or is damaged; it cannot be used.")
        ) from exc
    finally:
        conn.close()
    if pages or quick != ["ok"]:
        raise BackupDamaged(_("The backup's vault file is damaged; it cannot be used."))
    if row is None or row[0] != vault_id:
        raise BackupDamaged(_("The backup's vault file and key file do not belong together."))
    return operations


def write_backup(vault: Vault, folder: Path, *, now: datetime) -> BackupInfo:
    """Write a checked backup of the open `vault` into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{PREFIX}{now:%Y%m%d-%H%M%S}"
    target, n = folder / name, 0
    while target.exists():  # two backups within one second
        n += 1
        target = folder / f"{name}-{n}"
    name = target.name
    staging = folder / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    try:
        vault.conn.execute("VACUUM INTO ?", (str(staging / DB_NAME),))
        shutil.copyfile(vault.keys_path, staging / KEYS_NAME)
        version = int(vault.conn.execute("PRAGMA user_version").fetchone()[0])
        operations = check_copy(staging / DB_NAME, vault._data_key, vault.keyfile.vault_id)
        source = int(vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0])
        if operations != source:
            raise BackupDamaged(_("The backup copy does not hold every change; nothing kept."))
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": now.isoformat(timespec="seconds"),
            "app_version": __version__,
            "schema_version": version,
            "operations": operations,
            "files": {n: _sha256(staging / n) for n in (DB_NAME, KEYS_NAME)},
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for child in staging.iterdir():
            os.chmod(child, 0o600)
            fsync_file(child)
        fsync_dir(staging)
        staging.rename(target)
        fsync_dir(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BackupInfo(target, manifest["created_at"], version, operations)


def backups_in(folder: Path) -> list[Path]:
    """The finished backups in `folder`, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.startswith(PREFIX))


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; the ones deleted."""
    found = backups_in(folder)
    old = found[: max(0, len(found) - keep)]
    for path in old:
        shutil.rmtree(path)
    if old:
        fsync_dir(folder)
    return old


def read_manifest(backup: Path) -> dict[str, Any]:
    """The manifest, with every file's hash checked (BackupDamaged otherwise)."""
    try:
        manifest = json.loads((backup / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupDamaged(
            _("{path} is not a Liaison Desktop backup (no readable manifest).").format(path=backup)
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupDamaged(_("{path} is not a Liaison Desktop backup.").format(path=backup))
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != {DB_NAME, KEYS_NAME}:
        raise BackupDamaged(_("The backup's manifest does not list its files."))
    for name, digest in files.items():
        path = backup / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupDamaged(
                _("The backup's {name} is missing or has been changed; it cannot be used.").format(
                    name=name
                )
            )
    return manifest


def restore_backup(backup: Path, data_dir: Path, data_key: SecretKey, *, now: datetime) -> Path:
    """Put the checked backup in `data_dir` (moving a vault already there aside); where the
    old vault went, or data_dir itself when there was none."""
    read_manifest(backup)
    keyfile = KeyFile.load(backup / KEYS_NAME)
    check_copy(backup / DB_NAME, data_key, keyfile.vault_id)
    parent = data_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{data_dir.name}.restoring"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    try:
        for name in (DB_NAME, KEYS_NAME):
            shutil.copyfile(backup / name, staging / name)
            os.chmod(staging / name, 0o600)
            fsync_file(staging / name)
        fsync_dir(staging)
        moved_to = data_dir
        lock = VaultLock(data_dir / LOCK_NAME) if vault_exists(data_dir) else None
        if lock is not None:
            lock.acquire()  # VaultInUse while the app (or a command) has it open
            lock.release()
        if data_dir.exists():
            if vault_exists(data_dir) or any(data_dir.iterdir()):
                moved_to = parent / f"{data_dir.name}.before-restore-{now:%Y%m%d-%H%M%S}"
                data_dir.rename(moved_to)
            else:
                data_dir.rmdir()
        staging.rename(data_dir)
        fsync_dir(parent)
        tighten(data_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return moved_to
