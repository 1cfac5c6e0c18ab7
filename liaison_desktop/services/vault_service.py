"""Creating, unlocking, locking and checking the vault; changing and recovering its passphrase.

The storage and crypto modules (SQLCipher, cryptography, migrations) are imported when first
used, not with this module: the app asks `exists()` to choose its first window, and importing
them before that window showed cost about a third of the time to it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputRejected, LiaisonError, StorageFull, WeakPassphrase
from ..i18n import _

if TYPE_CHECKING:
    from ..store.database import Connection
    from ..store.vault import Vault

# The file whose presence marks a vault: `store.vault.DB_NAME` (a test keeps them equal).
VAULT_FILE = "vault.db"

# A vault-wide check contributed by an area of the app (the audit chain, for one).
Verifier = Callable[["Vault"], list[str]]


def clock_problems(conn: Connection) -> list[str]:
    """What is wrong with the stored clock or the log's stamps (nothing, normally)."""
    from ..store import hlc

    problems = []
    wall = hlc.now_ms()
    row = conn.execute("SELECT value FROM meta WHERE key = 'hlc_last'").fetchone()
    if row is not None and hlc.usable_stamp(row[0], wall) is None:
        problems.append(
            _(
                "The stored sync clock is damaged or far in the future ({value}). The next "
                "change made here replaces it from the newest believable stamp; nothing is lost."
            ).format(value=str(row[0])[:40])
        )
    bound = hlc.format_stamp(min(hlc.MAX_MS, wall + hlc.ADOPT_AHEAD_MS), hlc.MAX_COUNTER)
    ahead = conn.execute("SELECT count(*) FROM ops WHERE hlc > ?", (bound,)).fetchone()[0]
    if ahead:
        problems.append(
            _(
                "{n} change(s) in the log are stamped far in the future (forged or from a "
                "badly wrong clock); they win over every later edit of the same fields."
            ).format(n=ahead)
        )
    return problems


_VERIFIERS: list[Verifier] = []


def register_verifier(verifier: Verifier) -> None:
    """Add a check that `verify` runs after the storage checks."""
    if verifier not in _VERIFIERS:
        _VERIFIERS.append(verifier)


def kdf_target_seconds() -> float:
    """How long key derivation should take when a passphrase is set.

    LIAISON_KDF_SECONDS lets a test suite ask for the floor (0); the floor of 64 MiB and
    three passes is enforced whatever is asked.
    """
    from ..crypto.kdf import DEFAULT_TARGET_SECONDS

    raw = os.environ.get("LIAISON_KDF_SECONDS")
    if raw is None:
        return DEFAULT_TARGET_SECONDS
    try:
        return max(0.0, float(raw))
    except ValueError:
        return DEFAULT_TARGET_SECONDS


def as_liaison_error(exc: BaseException) -> LiaisonError | None:
    """The person-facing error for a storage failure that escaped a service, else None.

    Services translate the failures they expect; this is the safety net that lets the CLI and
    the GUI report a damaged, full or read-only vault plainly wherever it is first noticed.
    """
    from ..store.database import DatabaseError, classify

    if isinstance(exc, LiaisonError):
        return exc
    if isinstance(exc, DatabaseError):
        return classify(exc)
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EROFS):
        return classify(Exception("disk is full" if exc.errno == errno.ENOSPC else "readonly"))
    return None


@dataclass(frozen=True)
class VaultInfo:
    """What `liaison info` shows."""

    data_dir: str
    vault_id: str
    owner_name: str
    role: str
    device_id: str
    created_at: str
    schema_version: int
    app_version: str
    counts: dict[str, int]


def check_new_passphrase(passphrase: str, confirmation: str | None = None) -> None:
    """Raise WeakPassphrase with advice when a new passphrase breaks the rules."""
    from ..domain.passphrase import problem_with

    problem = problem_with(passphrase, confirmation)
    if problem:
        raise WeakPassphrase(problem)


DEFAULT_BACKUPS_KEPT = 7  # a week of daily backups


@dataclass(frozen=True)
class BackupResult:
    """A backup written: where, when, how many changes it holds, how many old ones went."""

    path: Path
    created_at: str
    operations: int
    removed: int


class VaultService:
    """The vault in one data directory, as a person sees it: create, unlock, recover, back up
    and restore."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def exists(self) -> bool:
        """True when a vault has been created here."""
        return (self.data_dir / VAULT_FILE).exists()

    def create(self, passphrase: str, *, owner_name: str, role: str) -> tuple[Vault, str]:
        """Create a vault; returns it unlocked and the recovery key to show once."""
        from ..store.vault import Vault

        check_new_passphrase(passphrase)
        return Vault.create(
            self.data_dir,
            passphrase,
            owner_name=owner_name,
            role=role,
            kdf_target_seconds=kdf_target_seconds(),
        )

    def unlock(self, passphrase: str) -> Vault:
        """Open the vault with its passphrase."""
        from ..store.vault import Vault

        return Vault.unlock(self.data_dir, passphrase)

    @staticmethod
    def back_up(vault: Vault, folder: Path, *, keep: int = DEFAULT_BACKUPS_KEPT) -> BackupResult:
        """Write a checked, encrypted backup of the open vault into `folder`, keep the newest
        `keep` there, and note it in the audit log (no content)."""
        from datetime import datetime

        from ..store import backup

        folder = folder.expanduser()
        inside = folder.resolve()
        data_dir = vault.data_dir.resolve()
        if inside == data_dir or data_dir in inside.parents:
            raise InputRejected(
                _(
                    "Backups inside the vault's own folder would be lost with it. Nothing was "
                    "written; choose a folder on another drive (a USB stick, a network share)."
                )
            )
        if keep < 1:
            raise InputRejected(_("Keep at least one backup."))
        try:
            info = backup.write_backup(vault, folder, now=datetime.now().astimezone())
            removed = backup.rotate(folder, keep)
        except OSError as exc:
            raise StorageFull(
                _(
                    "The backup could not be written to {folder} ({reason}); nothing was left "
                    "there. Check the folder is writable and has space."
                ).format(folder=folder, reason=exc.strerror or type(exc).__name__)
            ) from exc
        from ..store.record_store import RecordStore

        RecordStore(vault).record_event(
            "backup", detail=f"operations={info.operations};kept={keep}"
        )
        return BackupResult(info.path, info.created_at, info.operations, len(removed))

    @staticmethod
    def backup_to_restore(source: Path) -> Path:
        """`source` itself when it is a backup, else the newest backup in it."""
        from ..store import backup

        source = source.expanduser()
        found = backup.backups_in(source)
        if found and not (source / backup.MANIFEST).exists():
            return found[-1]
        return source

    def restore(self, backup_path: Path, *, passphrase: str = "", recovery_key: str = "") -> Path:
        """Bring a backup back into this data folder, after checking it opens with the
        passphrase (or recovery key) and is whole; a vault already here is moved aside, and
        where it went is returned (the data folder itself when there was none)."""
        from datetime import datetime

        from ..store import backup
        from ..store.keyfile import KeyFile
        from ..store.vault import KEYS_NAME, recovery_key_bytes

        backup_path = backup_path.expanduser()
        backup.read_manifest(backup_path)
        keyfile = KeyFile.load(backup_path / KEYS_NAME)
        if recovery_key:
            data_key = keyfile.unwrap_with_recovery(recovery_key_bytes(recovery_key))
        else:
            data_key = keyfile.unwrap_with_passphrase(passphrase)
        return backup.restore_backup(
            backup_path, self.data_dir, data_key, now=datetime.now().astimezone()
        )

    def recover(self, recovery_key: str, new_passphrase: str) -> Vault:
        """Open with the recovery key and set a new passphrase; the recovery key stays valid."""
        from ..store.vault import Vault

        check_new_passphrase(new_passphrase)
        vault = Vault.unlock_with_recovery(self.data_dir, recovery_key)
        try:
            vault.change_passphrase(new_passphrase, kdf_target_seconds=kdf_target_seconds())
        except BaseException:
            vault.close()
            raise
        return vault

    @staticmethod
    def change_passphrase(vault: Vault, new_passphrase: str) -> None:
        """Rewrap the data key under a new passphrase; the old one stops opening this key file.

        The data key itself is unchanged, so a copy of the key file saved earlier still opens
        the vault with the old passphrase; `rekey` is what retires such copies.
        """
        check_new_passphrase(new_passphrase)
        vault.change_passphrase(new_passphrase, kdf_target_seconds=kdf_target_seconds())

    @staticmethod
    def rekey(vault: Vault, passphrase: str, *, new_passphrase: bool = False) -> str:
        """Re-encrypt the vault under a new data key; returns the new recovery key to show once.

        `passphrase` opens the vault afterwards (checked against the rules when it is a new
        one). Old copies of the key file, the old recovery key and the migration backups
        stop opening anything.
        """
        if new_passphrase:
            check_new_passphrase(passphrase)
        return vault.rekey(passphrase, kdf_target_seconds=kdf_target_seconds())

    @staticmethod
    def info(vault: Vault) -> VaultInfo:
        """Counts and identity of an open vault."""
        meta = vault.meta()
        from ..domain import records  # the record specs pull in phonenumbers: load when needed
        from ..store import migrations

        counts: dict[str, int] = {}
        existing = set(vault.db.table_names())
        for spec in records.ALL:
            if spec.table in existing:
                counts[spec.table] = vault.db.execute(
                    f'SELECT count(*) FROM "{spec.table}" WHERE deleted = 0'
                ).fetchone()[0]
        return VaultInfo(
            data_dir=str(vault.data_dir),
            vault_id=meta.get("vault_id", ""),
            owner_name=meta.get("owner_name", ""),
            role=meta.get("role", ""),
            device_id=meta.get("device_id", ""),
            created_at=meta.get("created_at", ""),
            schema_version=migrations.schema_version(vault.conn),
            app_version=meta.get("last_opened_by_version", ""),
            counts=counts,
        )

    @staticmethod
    def verify(vault: Vault) -> list[str]:
        """Every check: storage first, then each area's own (audit chain and so on)."""
        problems = vault.verify_storage()
        if problems:
            return problems
        problems.extend(clock_problems(vault.conn))
        for verifier in _VERIFIERS:
            problems.extend(verifier(vault))
        return problems
