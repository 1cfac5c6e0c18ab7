"""Trusted peers: devices whose bundles this vault accepts and writes for.

A peer is added from its `liaison1:` key after the two people have compared fingerprints.
Revocation is permanent and recorded apart from the peer list, so it can arrive in a lead's
bundle before (or without) the revoked device ever being added here.

A peer's role is the one a trusted lead certified (`certificates.py`), never the role its key
claims: on a lead's vault, adding a peer certifies it; on an officer's vault, the first lead
added in person becomes the trust root and everyone else needs a lead's certificate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import InputRejected, NotFound
from ..i18n import _
from ..store.database import Connection
from ..store.vault import Vault, now_utc
from . import certificates
from .certificates import Certificate, is_certified_lead
from .identity import DeviceIdentity, PublicIdentity, fingerprint

__all__ = [
    "Peer",
    "add_certified_leads",
    "add_peer",
    "get_peer",
    "is_certified_lead",  # from certificates.py: what `peer.role == "lead"` means
    "is_revoked",
    "list_peers",
    "record_revocation",
    "revocations",
    "revoke_peer",
]


@dataclass(frozen=True)
class Peer:
    """A device this vault trusts (or once trusted); `role` is its certified role."""

    device_id: str
    name: str
    role: str
    x25519: bytes
    ed25519: bytes
    added_at: str
    revoked_at: str | None
    claimed_role: str = ""  # what its own key said when it was added: not authority
    certified: bool = False  # holds a lead's certificate, or is a trust root added in person

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.device_id, self.x25519, self.ed25519, self.role)

    def as_dict(self) -> dict[str, object]:
        """The peer as plain JSON values (no key bytes)."""
        return {
            "device_id": self.device_id,
            "name": self.name,
            "role": self.role,
            "certified_role": self.role if self.certified else None,
            "certified": self.certified,
            "claimed_role": self.claimed_role,
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
    role = certificates.certified_role(conn, device_id)
    return Peer(
        device_id=device_id,
        name=str(row[1]),
        role=role or "officer",  # uncertified: no authority beyond an officer's
        x25519=bytes(row[3]),
        ed25519=bytes(row[4]),
        added_at=str(row[5]),
        revoked_at=_revocation(conn, device_id),
        claimed_role=str(row[2]),
        certified=role is not None,
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


def _refuse_known(vault: Vault, identity: PublicIdentity, own_device_id: str) -> Peer | None:
    """The checks every vault makes; returns the peer already held for this device id."""
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
    if existing is not None and (existing.x25519, existing.ed25519) != (
        identity.x25519,
        identity.ed25519,
    ):
        raise InputRejected(
            _(
                "Device {id} is already trusted with different keys. Someone may be "
                "impersonating it: compare fingerprints in person. Nothing was changed."
            ).format(id=identity.device_id)
        )
    return existing


def _store_peer(conn: Connection, identity: PublicIdentity, *, new: bool) -> None:
    if new:
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
    else:
        conn.execute(
            "UPDATE sync_peers SET name = ?, role = ? WHERE device_id = ?",
            (identity.name, identity.role, identity.device_id),
        )


def _role_word(role: str) -> str:
    return _("lead") if role == "lead" else _("officer")


def _certify(
    vault: Vault,
    identity: PublicIdentity,
    signer: Callable[[], DeviceIdentity],
    role: str | None,
    held: Peer | None,
) -> None:
    """A lead's vault: the lead decides the role and signs it (the key's claim is not enough)."""
    old = certificates.stored(vault, identity.device_id)
    wanted = role or identity.role
    if role is None and old is not None and old.role != wanted:
        raise InputRejected(
            _(
                "{name}'s device is certified as {old}, but its key now says {new}. A device "
                "cannot change its own role. If you mean it, certify it again as {new} "
                "(peer add --role {new_arg}, or the deputy lead choice when pairing). "
                "Nothing was changed."
            ).format(
                name=identity.name,
                old=_role_word(old.role),
                new=_role_word(wanted),
                new_arg=wanted,
            )
        )
    if role is None and old is None and wanted == "lead":
        raise InputRejected(
            _(
                "This key says its device belongs to a safeguarding lead. A device cannot make "
                "itself a lead: only certify it as one if it is a deputy safeguarding lead's "
                "laptop (peer add --role lead, or tick 'This is a deputy safeguarding lead's "
                "laptop'). Nothing was changed."
            )
        )
    school = vault.meta().get("setting.school_name", "")
    with vault.transaction() as conn:
        _store_peer(conn, identity, new=held is None)
        if old is None or old.role != wanted or old.name != identity.name:
            at = certificates.next_issued_at(conn, identity.device_id)
            certificates.store(conn, certificates.issue(signer(), identity, wanted, school, at))


def _accept_on_officer_vault(
    vault: Vault, identity: PublicIdentity, role: str | None, held: Peer | None
) -> None:
    """An officer's vault: a first lead becomes the trust root; everyone else needs a lead's
    certificate for exactly this key."""
    cert = certificates.stored(vault, identity.device_id)
    if cert is not None:
        if not cert.keys_match(identity.x25519, identity.ed25519):
            raise InputRejected(
                _(
                    "Your lead certified different keys for device {id}. This key may not be "
                    "theirs: compare fingerprints in person. Nothing was changed."
                ).format(id=identity.device_id)
            )
        if identity.role != cert.role:
            raise InputRejected(
                _(
                    "Your lead certified {name}'s device as {old}, but its key now says {new}. "
                    "A device cannot change its own role, and deputy leads reach you through "
                    "your lead's certificates. Nothing was changed."
                ).format(name=cert.name, old=_role_word(cert.role), new=_role_word(identity.role))
            )
        certified = cert.role
    elif held is not None and held.certified:
        certified = held.role  # a trust root added again
    elif identity.role == "lead" and not certificates.has_trusted_lead(vault):
        certified = "lead"
    elif identity.role == "lead":
        raise InputRejected(
            _(
                "This vault already trusts your safeguarding lead. Deputy leads reach you "
                "through your lead's certificates: sync with your lead and their deputies' "
                "devices are added for you. Nothing was changed."
            )
        )
    else:
        raise InputRejected(
            _(
                "Your lead has not certified this device yet, so it cannot be trusted here. "
                "Ask your lead to add it, then sync with your lead and add it again. Nothing "
                "was changed."
            )
        )
    if role is not None and role != certified:
        raise InputRejected(
            _(
                "Only a safeguarding lead certifies roles; on this vault the device would be "
                "{role}. Nothing was changed."
            ).format(role=_role_word(certified))
        )
    with vault.transaction() as conn:
        _store_peer(conn, identity, new=held is None)
        if cert is None and certified == "lead":
            certificates.add_trust_root(conn, identity.device_id)


def add_peer(
    vault: Vault,
    identity: PublicIdentity,
    own_device_id: str,
    *,
    issuer: Callable[[], DeviceIdentity] | None = None,
    role: str | None = None,
) -> Peer:
    """Trust a device; the role it gets is certified here (lead's vault) or by a lead.

    `issuer` gives this device's identity when a lead's vault signs a certificate (asked only
    then: loading it may create the keys, which a refusal must not leave behind); `role` is
    the lead's explicit choice, without which a key claiming "lead" is refused.
    """
    if role is not None and role not in certificates.ROLES:
        raise InputRejected(_("The role must be officer or lead; nothing was changed."))
    held = _refuse_known(vault, identity, own_device_id)
    if certificates.certifies(vault):
        _certify(vault, identity, issuer or (lambda: DeviceIdentity.load(vault)), role, held)
    else:
        _accept_on_officer_vault(vault, identity, role, held)
    peer = get_peer(vault, identity.device_id)
    assert peer is not None
    return peer


def add_certified_leads(
    conn: Connection, own_device_id: str, certs: tuple[Certificate, ...]
) -> int:
    """Trust the lead devices a trusted lead certified (a deputy's laptop); how many were new.

    They need no pairing of their own: the certificate names their keys, and a lead's word
    is what pairing in person with an officer would have given them anyway.
    """
    added = 0
    for cert in certs:
        if (
            cert.role != "lead"
            or cert.device_id == own_device_id
            or _revocation(conn, cert.device_id) is not None
            or conn.execute(
                "SELECT 1 FROM sync_peers WHERE device_id = ?", (cert.device_id,)
            ).fetchone()
        ):
            continue
        conn.execute(
            f"INSERT INTO sync_peers ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            (cert.device_id, cert.name, "lead", cert.x25519, cert.ed25519, now_utc()),
        )
        added += 1
    return added


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
