"""Trusted peers: devices whose bundles this vault accepts and writes for.

A peer is added from its `liaison1:` key after the two people have compared fingerprints.
Revocation is permanent and recorded apart from the peer list, so it can arrive in a lead's
bundle before (or without) the revoked device ever being added here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputRejected, NotFound
from ..i18n import _
from ..store.database import Connection
from ..store.vault import Vault, now_utc
from .identity import PublicIdentity, fingerprint


@dataclass(frozen=True)
class Peer:
    """A device this vault trusts (or once trusted)."""

    device_id: str
    name: str
    role: str
    x25519: bytes
    ed25519: bytes
    added_at: str
    revoked_at: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.device_id, self.x25519, self.ed25519)

    def as_dict(self) -> dict[str, object]:
        """The peer as plain JSON values (no key bytes)."""
        return {
            "device_id": self.device_id,
            "name": self.name,
            "role": self.role,
            "fingerprint": self.fingerprint,
            "added_at": self.added_at,
            "revoked": self.revoked,
            "revoked_at": self.revoked_at,
        }


_COLUMNS = "device_id, name, role, x25519, ed25519, added_at"


def _revocation(conn: Connection, device_id: str) -> str | None:
    row = conn.execute(
        "SELECT revoked_at FROM sync_revocations WHERE device_id = ?", (device_id,)
    ).fetchone()
    return str(row[0]) if row else None


def _peer(conn: Connection, row: tuple[Any, ...]) -> Peer:
    device_id = str(row[0])
    return Peer(
        device_id=device_id,
        name=str(row[1]),
        role=str(row[2]),
        x25519=bytes(row[3]),
        ed25519=bytes(row[4]),
        added_at=str(row[5]),
        revoked_at=_revocation(conn, device_id),
    )


def list_peers(vault: Vault, *, include_revoked: bool = True) -> list[Peer]:
    """Every peer, by name."""
    conn = vault.conn
    peers = [
        _peer(conn, r)
        for r in conn.execute(f"SELECT {_COLUMNS} FROM sync_peers ORDER BY name, device_id")
    ]
    return [p for p in peers if include_revoked or not p.revoked]


def get_peer(vault: Vault, device_id: str) -> Peer | None:
    """One peer by device id, or None."""
    conn = vault.conn
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM sync_peers WHERE device_id = ?", (device_id,)
    ).fetchone()
    return _peer(conn, row) if row else None


def is_revoked(vault: Vault, device_id: str) -> bool:
    """Whether a device has been revoked (here, or by a lead whose bundle said so)."""
    return _revocation(vault.conn, device_id) is not None


def add_peer(vault: Vault, identity: PublicIdentity, own_device_id: str) -> Peer:
    """Trust a device; re-adding the same key is harmless, a different key for it is refused."""
    if identity.device_id == own_device_id:
        raise InputRejected(_("That is this device's own key; add the other device's key instead."))
    if is_revoked(vault, identity.device_id):
        raise InputRejected(
            _(
                "Device {id} has been revoked and cannot be trusted again. If it is a "
                "reinstalled laptop, it will have a new device id: add that key instead."
            ).format(id=identity.device_id)
        )
    existing = get_peer(vault, identity.device_id)
    if existing is not None:
        if (existing.x25519, existing.ed25519) != (identity.x25519, identity.ed25519):
            raise InputRejected(
                _(
                    "Device {id} is already trusted with different keys. Someone may be "
                    "impersonating it: compare fingerprints in person. Nothing was changed."
                ).format(id=identity.device_id)
            )
        with vault.transaction() as conn:
            conn.execute(
                "UPDATE sync_peers SET name = ?, role = ? WHERE device_id = ?",
                (identity.name, identity.role, identity.device_id),
            )
    else:
        with vault.transaction() as conn:
            conn.execute(
                f"INSERT INTO sync_peers ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    identity.device_id,
                    identity.name,
                    identity.role,
                    identity.x25519,
                    identity.ed25519,
                    now_utc(),
                ),
            )
    peer = get_peer(vault, identity.device_id)
    assert peer is not None
    return peer


def record_revocation(conn: Connection, device_id: str, by: str, at: str | None = None) -> bool:
    """Record a revocation inside the caller's transaction; True when it is new."""
    cur = conn.execute(
        "INSERT OR IGNORE INTO sync_revocations (device_id, revoked_at, revoked_by) "
        "VALUES (?, ?, ?)",
        (device_id, at or now_utc(), by),
    )
    return bool(cur.rowcount > 0)


def revoke_peer(vault: Vault, device_id: str, own_device_id: str) -> Peer:
    """Stop trusting a device for good; the revocation travels in this device's bundles."""
    peer = get_peer(vault, device_id)
    if peer is None:
        raise NotFound(_("No peer with device id {id}; nothing was changed.").format(id=device_id))
    with vault.transaction() as conn:
        record_revocation(conn, device_id, own_device_id)
    revoked = get_peer(vault, device_id)
    assert revoked is not None
    return revoked


def revocations(vault: Vault) -> list[dict[str, str]]:
    """Every revocation this vault knows, to carry in bundles."""
    return [
        {"device": str(r[0]), "at": str(r[1]), "by": str(r[2])}
        for r in vault.conn.execute(
            "SELECT device_id, revoked_at, revoked_by FROM sync_revocations ORDER BY device_id"
        )
    ]
