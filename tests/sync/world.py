"""A few real vaults that trust each other, for sync tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE


@dataclass(frozen=True)
class Member:
    """One device of the world: where its vault is and its device id."""

    name: str
    data_dir: Path
    device_id: str
    public_key: str


def create_member(root: Path, name: str, role: str) -> Member:
    """Create a vault and its device keys."""
    data_dir = root / name
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name=name, role=role, kdf_target_seconds=0
    )
    try:
        info = SyncService(Caseload(vault).ctx).device()
    finally:
        vault.close()
    return Member(name, data_dir, info.device_id, info.public_key)


def certify_from(lead: Member, *officers: Member) -> None:
    """Each officer imports a bundle from its lead, and so learns the lead's certificates."""
    for officer in officers:
        with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
            data = SyncService(Caseload(vault).ctx).export_bytes(officer.device_id).data
        with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
            SyncService(Caseload(vault).ctx).import_bytes([data])


def pair(a: Member, b: Member, *, via: Member | None = None) -> None:
    """Make two devices trust each other.

    Two officers trust each other only on their lead's word: `via` is that lead (already
    paired with both), whose certificates each officer receives in a bundle first.
    """
    if via is not None:
        certify_from(via, a, b)
    for me, other in ((a, b), (b, a)):
        with Vault.unlock(me.data_dir, PASSPHRASE) as vault:
            SyncService(Caseload(vault).ctx).add_peer(None, other.public_key)


SECURITY_ACTIONS = ("security-refused", "security-flagged")


def snapshot(member: Member, *, ignore_security: bool = False) -> str:
    """A digest of every row of every table: equal digests mean an unchanged vault.

    With `ignore_security`, the record of a refused bundle (its audit event and Sync history
    entry) is left out, so "unchanged" means nothing else was written.
    """
    digest = hashlib.sha256()
    with Vault.unlock(member.data_dir, PASSPHRASE) as vault:
        conn = vault.conn
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                if table == "meta" and row[0] == "last_opened_by_version":
                    continue
                if ignore_security and _is_security_row(table, tuple(row)):
                    continue
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _is_security_row(table: str, row: tuple[object, ...]) -> bool:
    if table == "audit":
        return row[4] in SECURITY_ACTIONS  # the audit chain after them is still checked
    if table == "sync_history":
        return '"security": [{' in str(row[2])
    return False
