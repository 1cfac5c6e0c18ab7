"""Device certificates: a lead's signed word on who a device is and which role it holds.

A device's own key only *claims* a role. Authority comes from here: the lead's device is the
school's trust root and, when it pairs a device, signs a certificate (device id, both public
keys, name, role, school, when, by whom) with its Ed25519 key. Certificates travel in every
bundle; a vault keeps the newest one per device from a lead it trusts. A vault trusts:
- itself, if it is a lead's vault (the lead's device is the root of its school);
- its trust roots: on an officer's vault, the first lead key added in person;
- every device holding a lead certificate from one of those (a deputy lead, certified by
  the lead; chains of leads are allowed, so authority rests with the role, not one laptop).
A certificate is checked once, when it arrives, against the leads trusted at that moment:
one issued by a lead revoked since keeps its place, so a deputy certified before the lead's
laptop was lost carries on.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ..store.database import Connection
from ..store.vault import Vault, now_utc
from .identity import DeviceIdentity, PublicIdentity

CERT_CONTEXT = b"liaison-device-certificate-v1\n"  # never valid as a key's self-signature
ROLES = ("officer", "lead")
MAX_CERTS = 1000  # a school has tens of devices; this bounds what a bundle can make us check
MAX_CERT_BYTES = 2048
MAX_TEXT = 200
_KEYS = {"v", "d", "n", "r", "x", "e", "school", "at", "by", "sig"}


class CertificateRefused(ValueError):
    """A certificate in a bundle that this vault cannot accept (the bundle is refused)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _is_device_id(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value)
    )


def _instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("naive time")
    return moment


@dataclass(frozen=True)
class Certificate:
    """A lead's signed statement about one device."""

    device_id: str
    name: str
    role: str
    x25519: bytes
    ed25519: bytes
    school: str
    issued_at: str
    issued_by: str
    signature: bytes = b""

    def payload(self) -> dict[str, Any]:
        """What is signed (everything but the signature)."""
        return {
            "v": 1,
            "d": self.device_id,
            "n": self.name,
            "r": self.role,
            "x": _b64(self.x25519),
            "e": _b64(self.ed25519),
            "school": self.school,
            "at": self.issued_at,
            "by": self.issued_by,
        }

    def document(self) -> dict[str, Any]:
        """The certificate as it travels in a bundle and is stored (JSON values)."""
        return {**self.payload(), "sig": _b64(self.signature)}

    def keys_match(self, x25519: bytes, ed25519: bytes) -> bool:
        return (self.x25519, self.ed25519) == (bytes(x25519), bytes(ed25519))

    def signed_by(self, issuer_ed25519: bytes) -> bool:
        """Whether the signature is the issuer's over this exact payload."""
        try:
            Ed25519PublicKey.from_public_bytes(issuer_ed25519).verify(
                self.signature, CERT_CONTEXT + _canonical(self.payload())
            )
        except (InvalidSignature, ValueError):
            return False
        return True


def issue(
    issuer: DeviceIdentity, subject: PublicIdentity, role: str, school: str, issued_at: str
) -> Certificate:
    """Sign a certificate for `subject` in `role` with the issuer's key."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    unsigned = Certificate(
        device_id=subject.device_id,
        name=subject.name[:MAX_TEXT],
        role=role,
        x25519=subject.x25519,
        ed25519=subject.ed25519,
        school=school[:MAX_TEXT],
        issued_at=issued_at,
        issued_by=issuer.device_id,
    )
    signature = issuer.ed25519_private.sign(CERT_CONTEXT + _canonical(unsigned.payload()))
    return Certificate(**{**unsigned.__dict__, "signature": signature})


def parse(doc: Any) -> Certificate:
    """A certificate document checked for shape (not yet for trust); ValueError if not."""
    if not isinstance(doc, dict) or set(doc) != _KEYS or doc["v"] != 1:
        raise ValueError("certificate shape")
    if len(_canonical(doc)) > MAX_CERT_BYTES:
        raise ValueError("certificate size")
    if not all(isinstance(doc[k], str) for k in _KEYS - {"v"}):
        raise ValueError("certificate fields")
    try:
        cert = Certificate(
            device_id=doc["d"],
            name=doc["n"],
            role=doc["r"],
            x25519=_unb64(doc["x"]),
            ed25519=_unb64(doc["e"]),
            school=doc["school"],
            issued_at=doc["at"],
            issued_by=doc["by"],
            signature=_unb64(doc["sig"]),
        )
    except (binascii.Error, ValueError):
        raise ValueError("certificate encoding") from None
    if (
        not _is_device_id(cert.device_id)
        or not _is_device_id(cert.issued_by)
        or cert.role not in ROLES
        or len(cert.x25519) != 32
        or len(cert.ed25519) != 32
        or len(cert.signature) != 64
        or len(cert.name) > MAX_TEXT
        or len(cert.school) > MAX_TEXT
    ):
        raise ValueError("certificate fields")
    _instant(cert.issued_at)
    return cert


# -- what this vault holds ----------------------------------------------------------------------
def _conn(vault_or_conn: Vault | Connection) -> Connection:
    return vault_or_conn.conn if isinstance(vault_or_conn, Vault) else vault_or_conn


def _meta(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def _revoked(conn: Connection, device_id: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sync_revocations WHERE device_id = ?", (device_id,)).fetchone()
        is not None
    )


def stored(vault_or_conn: Vault | Connection, device_id: str) -> Certificate | None:
    """The newest certificate this vault accepted for a device, or None."""
    row = (
        _conn(vault_or_conn)
        .execute("SELECT document FROM sync_certificates WHERE device_id = ?", (device_id,))
        .fetchone()
    )
    return parse(json.loads(row[0])) if row else None


def documents(vault_or_conn: Vault | Connection) -> list[dict[str, Any]]:
    """The certificates to carry in a bundle: those of devices not revoked here whose issuer
    is still a lead here (one from a lead since revoked or demoted would be refused by a
    device that has heard, and could never be checked by one that never knew the issuer)."""
    conn = _conn(vault_or_conn)
    rows = conn.execute(
        "SELECT c.issued_by, c.document FROM sync_certificates AS c WHERE NOT EXISTS "
        "(SELECT 1 FROM sync_revocations AS r WHERE r.device_id = c.device_id) "
        "ORDER BY c.device_id"
    ).fetchall()
    leads: dict[str, bool] = {}
    out = []
    for issuer, document in rows:
        if issuer not in leads:
            leads[issuer] = is_certified_lead(conn, str(issuer))
        if leads[issuer]:
            out.append(json.loads(document))
    return out[:MAX_CERTS]


def trust_roots(vault_or_conn: Vault | Connection) -> set[str]:
    """The lead devices this vault trusts because they were added in person."""
    return {
        str(r[0]) for r in _conn(vault_or_conn).execute("SELECT device_id FROM sync_trust_roots")
    }


def add_trust_root(conn: Connection, device_id: str) -> None:
    """Make a lead device added in person a root of trust (inside the caller's transaction)."""
    conn.execute(
        "INSERT OR IGNORE INTO sync_trust_roots (device_id, added_at) VALUES (?, ?)",
        (device_id, now_utc()),
    )


def certified_role(vault_or_conn: Vault | Connection, device_id: str) -> str | None:
    """The role a lead this vault trusts gave a device (None when none has)."""
    conn = _conn(vault_or_conn)
    if device_id in trust_roots(conn):
        return "lead"
    cert = stored(conn, device_id)
    if cert is not None:
        return cert.role  # for this device too: setting its own role changes nothing
    if device_id == _meta(conn, "device_id") and _meta(conn, "role") == "lead":
        return "lead"  # a lead's own vault: its device is the root of the school's trust
    return None


def is_certified_lead(vault_or_conn: Vault | Connection, device_id: str) -> bool:
    """Whether a device holds the lead role by a trusted lead's word (and is not revoked)."""
    conn = _conn(vault_or_conn)
    return certified_role(conn, device_id) == "lead" and not _revoked(conn, device_id)


def certifies(vault_or_conn: Vault | Connection) -> bool:
    """Whether this vault's own device is a lead's, and so certifies the devices it pairs.

    A lead's vault is one whose role is lead, unless a lead it trusts certified its device
    otherwise: an officer who sets their own vault's role to lead does not start certifying.
    """
    conn = _conn(vault_or_conn)
    own = _meta(conn, "device_id")
    return own is not None and certified_role(conn, own) == "lead"


def has_trusted_lead(vault_or_conn: Vault | Connection) -> bool:
    """Whether any device other than this one is a trusted, unrevoked lead here."""
    conn = _conn(vault_or_conn)
    own = _meta(conn, "device_id")
    candidates = trust_roots(conn) | {
        str(r[0])
        for r in conn.execute("SELECT device_id FROM sync_certificates WHERE role = 'lead'")
    }
    return any(d != own and is_certified_lead(conn, d) for d in candidates)


def next_issued_at(conn: Connection, device_id: str) -> str:
    """Now, or just after the newest certificate held for the device (re-certifying wins)."""
    moment = datetime.now(UTC)
    held = stored(conn, device_id)
    if held is not None:
        moment = max(moment, _instant(held.issued_at) + timedelta(microseconds=1))
    return moment.isoformat(timespec="microseconds")


def store(conn: Connection, cert: Certificate) -> bool:
    """Keep a checked certificate unless one as new is held; True when it was stored."""
    held = stored(conn, cert.device_id)
    if held is not None and _instant(held.issued_at) >= _instant(cert.issued_at):
        return False
    conn.execute(
        "INSERT OR REPLACE INTO sync_certificates "
        "(device_id, role, issued_at, issued_by, document) VALUES (?, ?, ?, ?, ?)",
        (
            cert.device_id,
            cert.role,
            cert.issued_at,
            cert.issued_by,
            json.dumps(cert.document(), sort_keys=True),
        ),
    )
    return True


# -- checking what a bundle carries -------------------------------------------------------------
def _known_keys(
    conn: Connection, own: PublicIdentity, device_id: str
) -> tuple[bytes, bytes] | None:
    """The keys this vault already binds to a device id (own, a peer's, a certificate's)."""
    if device_id == own.device_id:
        return own.x25519, own.ed25519
    row = conn.execute(
        "SELECT x25519, ed25519 FROM sync_peers WHERE device_id = ?", (device_id,)
    ).fetchone()
    if row is not None:
        return bytes(row[0]), bytes(row[1])
    held = stored(conn, device_id)
    return (held.x25519, held.ed25519) if held is not None else None


def check_documents(conn: Connection, own: PublicIdentity, docs: Any) -> tuple[Certificate, ...]:
    """The certificates of a bundle that this vault accepts; CertificateRefused if any is bad.

    Each must be signed by a lead this vault trusts, or by a lead certified earlier in the
    same list (a deputy's certificate and those the deputy issued travel together), and must
    name the keys this vault already knows for that device. One from (or about) a device
    revoked here is left out without refusing the bundle: the sender may not have heard yet.
    """
    if not isinstance(docs, list) or len(docs) > MAX_CERTS:
        raise CertificateRefused("too many certificates")
    pending = [parse(doc) for doc in docs]
    accepted: list[Certificate] = []
    leads_here: dict[str, bytes] = {}  # leads certified by this very list
    bound: dict[str, tuple[bytes, bytes]] = {}
    revoked = {str(r[0]) for r in conn.execute("SELECT device_id FROM sync_revocations")}
    trusted: dict[str, bytes | None] = {}  # issuer -> signing key if a lead trusted here

    def trusted_key(issuer: str) -> bytes | None:
        if issuer not in trusted:
            known = _known_keys(conn, own, issuer) if is_certified_lead(conn, issuer) else None
            trusted[issuer] = known[1] if known is not None else None
        return trusted[issuer]

    progress = True
    while pending and progress:  # each pass settles at least one, or the rest are refused
        progress = False
        for cert in list(pending):
            if cert.issued_by in revoked or cert.device_id in revoked:
                pending.remove(cert)
                progress = True
                continue
            issuer_key = leads_here.get(cert.issued_by) or trusted_key(cert.issued_by)
            if issuer_key is None:
                continue  # perhaps certified further down the list
            pending.remove(cert)
            progress = True
            if cert.issued_by == cert.device_id:
                raise CertificateRefused("a device cannot certify itself")
            if not cert.signed_by(issuer_key):
                raise CertificateRefused("signature")
            known = bound.get(cert.device_id) or _known_keys(conn, own, cert.device_id)
            if known is not None and not cert.keys_match(*known):
                raise CertificateRefused("different keys")
            bound[cert.device_id] = (cert.x25519, cert.ed25519)
            accepted.append(cert)
            if cert.role == "lead":
                leads_here[cert.device_id] = cert.ed25519
    if pending:
        raise CertificateRefused("not signed by a lead this vault trusts")
    return tuple(accepted)


def store_all(conn: Connection, certs: Iterable[Certificate]) -> int:
    """Store checked certificates (newest wins per device); how many were new."""
    return sum(
        1 for cert in sorted(certs, key=lambda c: _instant(c.issued_at)) if store(conn, cert)
    )


# -- vaults paired before certificates existed (migration 8) ------------------------------------
def certify_existing(conn: Connection) -> int:
    """Give the peers of a vault paired before certificates the standing they were given then.

    On a lead's vault every peer gets a certificate with its stored role (they were all added
    in person; a peer stored as lead stays a lead). On an officer's vault every lead peer
    becomes a trust root. Runs inside the migration's transaction; returns how many changed.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from .identity import META_ED25519, META_X25519

    meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
    peers = conn.execute("SELECT device_id, name, role, x25519, ed25519 FROM sync_peers").fetchall()
    if not peers or "device_id" not in meta:
        return 0
    if meta.get("role") != "lead":
        leads = [str(p[0]) for p in peers if p[2] == "lead"]
        for device_id in leads:
            add_trust_root(conn, device_id)
        return len(leads)
    if META_ED25519 not in meta or META_X25519 not in meta:
        return 0  # no keys, so nobody can have been paired with this device
    issuer = DeviceIdentity(
        device_id=meta["device_id"],
        name=meta.get("owner_name", ""),
        role="lead",
        x25519=X25519PrivateKey.from_private_bytes(bytes.fromhex(meta[META_X25519])),
        ed25519=Ed25519PrivateKey.from_private_bytes(bytes.fromhex(meta[META_ED25519])),
    )
    school = meta.get("setting.school_name", "")
    for device_id, name, role, x25519, ed25519 in peers:
        subject = PublicIdentity(
            str(device_id), str(name), str(role), bytes(x25519), bytes(ed25519)
        )
        certified = "lead" if role == "lead" else "officer"
        store(
            conn, issue(issuer, subject, certified, school, next_issued_at(conn, subject.device_id))
        )
    return len(peers)
