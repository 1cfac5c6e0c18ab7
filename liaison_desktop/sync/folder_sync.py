"""Sync through a folder (USB stick, network share, cloud-synced folder).

`sync_folder` imports every bundle in the folder addressed to this device — skipping, without
complaint, bundles for other devices, this device's own, ones already imported and ones
superseded by a newer bundle from the same sender — then writes one new bundle for each
trusted peer under a random name (temp file, fsync, rename). Each bundle is imported in its
own transaction: one damaged file on a stick does not hold back the others; it is named in the
result. The result is kept in the vault as a sync-history entry.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..i18n import _
from ..store import purge
from ..store.atomic import write_atomically
from ..store.record_store import RecordStore
from ..store.vault import now_utc
from . import bundle as fmt
from .authority import record_refusal
from .bundle import BundleRejected
from .exchange import ImportResult, apply_verified, check_sequence, export_bundle, verify
from .identity import DeviceIdentity
from .peers import list_peers
from .refusal import OpRefused

BUNDLE_SUFFIX = ".lbundle"


@dataclass
class SyncReport:
    """What one sync did: bundles in, bundles out, and files refused."""

    at: str
    folder: str
    imported: list[dict[str, Any]] = field(default_factory=list)
    written: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    skipped: int = 0
    # Bundles refused for what their sender may not do (and flagged senders), for the lead.
    security: list[dict[str, Any]] = field(default_factory=list)
    cleared: int = 0  # this device's older bundles removed, superseded by the ones written

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return dict(self.__dict__)


def new_bundle_name() -> str:
    """A random file name that says nothing about sender, recipient or content."""
    return os.urandom(12).hex() + BUNDLE_SUFFIX


def write_bundle(path: Path, data: bytes) -> None:
    """Write a bundle so a reader never sees half of it (temp file, fsync, rename)."""
    write_atomically(path, data, private=False)


def _too_large() -> str:
    return _("it is larger than any bundle this app writes.")


def _check_opened(fh: BinaryIO) -> None:
    """Refuse an open bundle file that is not a regular file or is larger than any bundle."""
    info = os.fstat(fh.fileno())
    if not stat.S_ISREG(info.st_mode):
        raise fmt._reject(_("it is not a file."))
    if info.st_size > fmt.MAX_FILE_BYTES:
        raise fmt._reject(_too_large())


def read_bundle_file(path: Path) -> bytes:
    """A bundle file's bytes; one larger than any bundle this app writes is refused unread.

    The size is taken from the open file, and at most one byte past the limit is read, so a
    file that grows after the check is refused too instead of filling memory.
    """
    with open(path, "rb") as fh:
        _check_opened(fh)
        data = fh.read(fmt.MAX_FILE_BYTES + 1)
    if len(data) > fmt.MAX_FILE_BYTES:
        raise fmt._reject(_too_large())
    return data


def peek_header(path: Path) -> fmt.Header:
    """A bundle file's header, reading only the header's bytes (not the payload): every
    device looks at every bundle in a shared folder, and most are for someone else."""
    with open(path, "rb") as fh:
        _check_opened(fh)
        head = fh.read(fmt.PREFIX.size)
        if len(head) < fmt.PREFIX.size:
            raise fmt._reject(_("the file is too short to be a bundle (it may be truncated)."))
        header_len = min(int(fmt.PREFIX.unpack_from(head)[2]), fmt.MAX_HEADER_BYTES + 1)
        rest = fh.read(header_len + fmt.MAC_BYTES + fmt.TAG_BYTES + fmt.SIGNATURE_BYTES)
    return fmt.read_header(head + rest)


def bundle_names(folder: Path) -> frozenset[str] | None:
    """The names of the bundle files in the folder now (cheap: no file is opened), or None
    while it cannot be reached: what a watcher compares to see that a bundle arrived."""
    try:
        return frozenset(p.name for p in folder.iterdir() if p.name.endswith(BUNDLE_SUFFIX))
    except OSError:
        return None


def _candidates(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == BUNDLE_SUFFIX)


def clear_superseded(own: list[tuple[fmt.Header, Path]], written_for: set[str]) -> int:
    """Remove this device's older bundles to each peer a new bundle was just written for.

    Each bundle carries every operation its recipient is not known to hold, so the new one
    holds all that an older, unacknowledged one did, and a recipient refuses an older bundle
    after a newer one anyway: the folder keeps one bundle per sender and recipient instead of
    growing with every sync. A file another device or engine removed first is fine."""
    cleared = 0
    for header, path in own:
        if header.recipients and set(header.recipients) <= written_for:
            try:
                path.unlink()
                cleared += 1
            except FileNotFoundError:
                pass
            except OSError:
                continue  # a read-only stick: left for now, harmless
    return cleared


def sync_folder(store: RecordStore, identity: DeviceIdentity, folder: Path) -> SyncReport:
    """Import what is addressed to this device, write a bundle for each peer, keep a record."""
    if not folder.is_dir():
        raise BundleRejected(
            _(
                "The sync folder {path} cannot be found. Is the USB stick or share connected?"
            ).format(path=folder)
        )
    vault = store.vault
    report = SyncReport(at=now_utc(), folder=str(folder))
    pending: list[tuple[fmt.Header, Path, bytes]] = []
    own: list[tuple[fmt.Header, Path]] = []  # this device's earlier bundles in the folder
    for path in _candidates(folder):
        try:
            header = peek_header(path)
            if header.sender == identity.device_id:
                own.append((header, path))
                continue
            if identity.device_id not in header.recipients:
                continue  # someone else's post: its payload is never read
            data = read_bundle_file(path)
            header = fmt.read_header(data)  # again, from the bytes that will be verified
        except BundleRejected as exc:
            report.rejected.append({"file": path.name, "reason": str(exc)})
            continue
        except OSError:
            report.rejected.append({"file": path.name, "reason": _("it could not be read.")})
            continue
        if header.sender == identity.device_id or identity.device_id not in header.recipients:
            continue  # changed between the two reads: looked at again at the next sync
        pending.append((header, path, data))
    pending.sort(key=lambda item: (item[0].sender, item[0].seq))
    for header, path, data in pending:
        try:
            if check_sequence(vault.conn, header) is not None:
                report.skipped += 1
                continue
        except BundleRejected:
            report.skipped += 1  # superseded by a newer bundle already imported
            continue
        try:
            verified = verify(vault, identity, data)
            with vault.transaction():
                result: ImportResult = apply_verified(store, identity, verified)
        except OpRefused as refused:  # rolled back; the security event stays
            report.security.append(record_refusal(store, refused))
            report.rejected.append({"file": path.name, "reason": str(refused)})
            continue
        except BundleRejected as exc:
            report.rejected.append({"file": path.name, "reason": str(exc)})
            continue
        report.imported.append(result.as_dict())
        report.security.extend(result.security)
    for peer in list_peers(vault, include_revoked=False):
        exported = export_bundle(vault, identity, peer.device_id)
        name = new_bundle_name()
        write_bundle(folder / name, exported.data)
        report.written.append(
            {
                "file": name,
                "peer": peer.device_id,
                "peer_name": peer.name,
                "ops": exported.ops,
                "purges": exported.purges,
            }
        )
    report.cleared = clear_superseded(own, {str(w["peer"]) for w in report.written})
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_history (at, summary) VALUES (?, ?)",
            (report.at, json.dumps(report.as_dict(), ensure_ascii=False)),
        )
    if any(item.get("erasures") for item in report.imported):
        purge.scrub(vault.conn)  # no copy of a purged page may stay in the WAL file
    return report


def history(store: RecordStore, limit: int = 50) -> list[dict[str, Any]]:
    """The most recent syncs, newest first."""
    rows = store.conn.execute(
        "SELECT summary FROM sync_history ORDER BY seq DESC LIMIT ?", (limit,)
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def unconfirmed(store: RecordStore) -> dict[str, int]:
    """Per peer, the changes sent to it that it has not yet confirmed holding (its own
    bundles acknowledge what it imported): what is "waiting" for that colleague's sync."""
    rows = store.conn.execute(
        "SELECT s.peer, COUNT(DISTINCT s.op_id) FROM sync_sent AS s "
        "WHERE s.op_id NOT LIKE 'cert:%' AND NOT EXISTS "
        "(SELECT 1 FROM sync_known AS k WHERE k.peer = s.peer AND k.op_id = s.op_id) "
        "GROUP BY s.peer"
    ).fetchall()
    return {str(peer): int(n) for peer, n in rows if n}
