"""Checking a bundle before anything of it is applied: its signature and sender, its
sequence, every operation's shape and values, the certificates and revocations it carries.
A bundle that fails any check is refused whole (`BundleRejected`), and the vault is untouched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ..domain.fields import FieldType
from ..domain.records import BY_KIND
from ..i18n import _
from ..store.database import Connection
from ..store.hlc import parse_stamp
from ..store.record_tables import DELETED, Op
from ..store.vault import Vault
from . import audit_anchor, audit_events, certificates, clock_bounds
from . import blobs as blob_docs
from . import bundle as fmt
from .bundle import Header
from .certificates import Certificate, CertificateRefused
from .identity import DeviceIdentity
from .peers import Peer, get_peer, is_revoked

MAX_OPS = 2_000_000
_TEXT_TYPES = {
    FieldType.TEXT,
    FieldType.LONGTEXT,
    FieldType.DATE,
    FieldType.DATETIME,
    FieldType.TIME,
    FieldType.ENUM,
    FieldType.POSTCODE,
    FieldType.PHONE,
    FieldType.EMAIL,
    FieldType.UPN,
    FieldType.REF,
}


@dataclass(frozen=True)
class Verified:
    """A bundle whose every check passed, ready to apply."""

    header: Header
    peer: Peer
    ops: tuple[Op, ...]
    purges: tuple[str, ...]
    revoked: tuple[dict[str, str], ...]
    hash: str
    certs: tuple[Certificate, ...] = ()  # checked against the leads this vault trusts
    # The sender's audit-chain head and marks (sync/audit_anchor.py); None only in tests.
    audit: tuple[tuple[int, str], dict[int, str | None]] | None = None
    # The sender's own audit events a lead has not acknowledged (sync/audit_events.py).
    audit_events: tuple[tuple[Any, ...], ...] = ()
    # Attachment bytes (id, data) carried beside the operations (sync/blobs.py).
    blobs: tuple[tuple[str, bytes], ...] = ()


# -- verification -------------------------------------------------------------------------------
def _check_value(field_type: FieldType, value: Any) -> bool:
    if value is None:
        return True
    if field_type in _TEXT_TYPES:
        return isinstance(value, str)
    if field_type is FieldType.INT:
        return type(value) is int
    if field_type is FieldType.BOOL:
        return type(value) is bool
    if field_type is FieldType.TAGS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return False


def _is_version(value: Any) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    stamp, sep, device = value.partition("@")
    try:
        parse_stamp(stamp)
    except ValueError:
        return False
    return bool(sep) and fmt._is_device_id(device)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 200


def _parse_op(doc: Any) -> Op:
    if not isinstance(doc, dict) or set(doc) != {
        "id",
        "hlc",
        "dev",
        "kind",
        "rec",
        "fam",
        "set",
        "rep",
    }:
        raise ValueError("op shape")
    spec = BY_KIND.get(doc["kind"]) if isinstance(doc["kind"], str) else None
    if spec is None or not fmt._is_device_id(doc["id"]) or not fmt._is_device_id(doc["dev"]):
        raise ValueError("op ids")
    parse_stamp(doc["hlc"]) if isinstance(doc["hlc"], str) else None
    if not isinstance(doc["hlc"], str) or not _is_id(doc["rec"]):
        raise ValueError("op stamp")
    family = doc["fam"]
    if spec.family_field is None:
        if family is not None:
            raise ValueError("directory op with family")
    elif not _is_id(family) or (spec.family_field == "id" and family != doc["rec"]):
        raise ValueError("op family")
    values, replaces = doc["set"], doc["rep"]
    if not isinstance(values, dict) or not isinstance(replaces, dict) or not values:
        raise ValueError("op body")
    if set(replaces) != set(values):
        raise ValueError("op replaces")
    for name, value in values.items():
        if name == DELETED:
            if type(value) is not bool:
                raise ValueError("deleted")
        elif name not in spec.by_name or not _check_value(spec.by_name[name].type, value):
            raise ValueError("op field")
        if not _is_version(replaces[name]):
            raise ValueError("op version")
    return Op(
        op_id=doc["id"],
        hlc=doc["hlc"],
        device=doc["dev"],
        kind=doc["kind"],
        record_id=doc["rec"],
        family_id=family,
        values=values,
        replaces=replaces,
    )


def verify(vault: Vault, identity: DeviceIdentity, data: bytes) -> Verified:
    """Every check a bundle must pass before anything is changed; BundleRejected otherwise."""
    header = fmt.read_header(data)
    if header.sender == identity.device_id:
        raise fmt._reject(_("it was written by this device."))
    if is_revoked(vault, header.sender):
        raise fmt._reject(
            _("it comes from device {id}, which has been revoked.").format(id=header.sender)
        )
    peer = get_peer(vault, header.sender)
    if peer is None:
        raise fmt._reject(
            _(
                "it comes from device {id}, which this vault does not trust. Compare "
                "fingerprints with its owner and add it with 'liaison peer add' first."
            ).format(id=header.sender)
        )
    if identity.device_id not in header.recipients:
        raise fmt._reject(_("it is addressed to another device."))
    body = fmt.open_bundle(
        data,
        header,
        recipient=identity.device_id,
        recipient_key=identity.x25519_private,
        sender_key=peer.ed25519,
    )
    try:
        if set(body) - {"blobs"} != {"ops", "purge", "revoked", "certs", "audit"}:
            raise ValueError("body keys")
        carried = blob_docs.parse(body.get("blobs", []))
        anchor = audit_anchor.parse(body["audit"])
        events = audit_events.parse(body["audit"].get("events", []))
        op_docs, purge_docs, revoked_docs = body["ops"], body["purge"], body["revoked"]
        if not isinstance(op_docs, list) or len(op_docs) > MAX_OPS:
            raise ValueError("ops")
        ops = tuple(_parse_op(d) for d in op_docs)
        if not isinstance(purge_docs, list) or not all(_is_id(f) for f in purge_docs):
            raise ValueError("purges")
        if not isinstance(revoked_docs, list) or not all(
            isinstance(r, dict)
            and set(r) == {"device", "at", "by"}
            and fmt._is_device_id(r["device"])
            and isinstance(r["at"], str)
            and fmt._is_device_id(r["by"])
            for r in revoked_docs
        ):
            raise ValueError("revocations")
        certs = certificates.check_documents(vault.conn, identity.public, body["certs"])
    except CertificateRefused:
        raise fmt._reject(
            _(
                "it carries a device certificate that was not signed by a lead this vault "
                "trusts, or that names other keys for a device."
            )
        ) from None
    except (ValueError, TypeError, KeyError):
        raise fmt._reject(_("its contents are not valid operations.")) from None
    clock_bounds.check_stamps(
        peer, ops, int(time.time() * 1000), clock_bounds.max_skew_hours(vault.conn)
    )
    return Verified(
        header,
        peer,
        ops,
        tuple(purge_docs),
        tuple(revoked_docs),
        fmt.file_hash(data),
        certs,
        anchor,
        events,
        carried,
    )


def check_sequence(conn: Connection, header: Header) -> str | None:
    """None when the bundle may be applied; "already" when it was; else BundleRejected."""
    if conn.execute(
        "SELECT 1 FROM sync_bundles_in WHERE bundle_id = ?", (header.bundle_id,)
    ).fetchone():
        return "already"
    last = conn.execute(
        "SELECT seq, hash FROM sync_bundles_in WHERE sender = ? ORDER BY seq DESC LIMIT 1",
        (header.sender,),
    ).fetchone()
    if last is not None:
        if header.seq <= int(last[0]):
            raise fmt._reject(
                _(
                    "it is older than a bundle already imported from the same device "
                    "(number {seq}, after {last}). Everything in it came again in the newer "
                    "one, so nothing is missing."
                ).format(seq=header.seq, last=int(last[0]))
            )
        if header.seq == int(last[0]) + 1 and header.prev != str(last[1]):
            raise fmt._reject(
                _("it does not follow on from the previous bundle of that device (spliced?).")
            )
    return None
