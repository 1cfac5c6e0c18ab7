"""Writing a bundle for a peer and importing bundles: minimisation, acknowledgements, replay.

What a peer receives (minimisation): a lead receives every operation; an officer receives the
operations of the families allocated (active) to its device plus the shared directory
(contacts), the purge markers (retention destruction) of what it held, and — from a lead
only — a purge for every family taken back from it.
A bundle to a lead carries concerns and their additions first.

What a peer lacks (acknowledgements): every bundle carries, in its header, the sequence
numbers of the recipient's bundles this device has imported. The sender then counts the
operations of those bundles as held by the recipient, as well as every operation it received
from the recipient; each new bundle carries the entitled operations not known to be held.
An unacknowledged (lost) bundle's operations therefore travel again in the next one.

Replay: a bundle already imported is a no-op. A bundle older than one already imported from
the same sender is refused: the newer one carried everything in it that was not acknowledged,
so nothing is lost and nothing can move a record backwards.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from ..domain.records import BY_KIND, allocation_id, kinds_where
from ..i18n import _
from ..store import audit, purge
from ..store.database import Connection
from ..store.hlc import parse_stamp
from ..store.record_store import RecordStore
from ..store.record_tables import Op
from ..store.vault import Vault, now_utc
from . import audit_anchor, audit_events, blobs, certificates
from . import bundle as fmt
from .authority import SECURITY_FLAGGED, Judge, record_refusal
from .bundle import BundleRejected
from .identity import DeviceIdentity
from .merge import ERASURE, apply_remote, purge_family, reapply_retained
from .peers import (
    Peer,
    add_certified_leads,
    get_peer,
    is_certified_lead,
    record_revocation,
    revocations,
)
from .refusal import OpRefused
from .verification import MAX_OPS as MAX_OPS
from .verification import Verified as Verified
from .verification import check_sequence as check_sequence
from .verification import verify as verify

# Kinds sent before everything else to a lead, as an SQL list (kinds are [a-z_] names).
SYNC_FIRST_SQL = ", ".join(f"'{kind}'" for kind in kinds_where(sync_first=True))
# Shared with every officer; purge markers (also without a family) go only where they are due.
DIRECTORY_KINDS = tuple(
    spec.kind for spec in BY_KIND.values() if spec.family_field is None and spec.kind != ERASURE
)
CLOCK_AHEAD_MS = 10 * 60 * 1000  # a clock this far ahead of ours is named in the history


@dataclass(frozen=True)
class ExportResult:
    """A bundle written for a peer, and what it carries."""

    data: bytes
    bundle_id: str
    peer: str
    seq: int
    ops: int
    purges: int


@dataclass
class ImportResult:
    """What importing one bundle did."""

    bundle_id: str
    sender: str
    sender_name: str
    status: str  # "applied" or "already"
    ops_applied: int = 0
    ops_already: int = 0
    conflicts: int = 0
    concerns: int = 0
    purged_families: int = 0
    erasures: int = 0  # purge markers (retention destruction) applied here
    revocations: int = 0
    attachments: int = 0  # attachments' bytes kept here
    notes: list[str] = field(default_factory=list)
    # The sender flagged here (its audit log truncated or rewritten since its last bundle).
    security: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return dict(self.__dict__)


# -- export -------------------------------------------------------------------------------------
def _last_out(conn: Connection, peer: str) -> tuple[int, str]:
    row = conn.execute(
        "SELECT seq, hash FROM sync_bundles_out WHERE peer = ? ORDER BY seq DESC LIMIT 1", (peer,)
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, "")


def _acks_for(conn: Connection, peer: str) -> list[int]:
    rows = conn.execute(
        "SELECT seq FROM sync_bundles_in WHERE sender = ? ORDER BY seq DESC LIMIT ?",
        (peer, fmt.MAX_ACK_SEQS),
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


def _allocated(conn: Connection, device: str, *, active: bool) -> set[str]:
    rows = conn.execute(
        "SELECT DISTINCT family_id FROM allocations WHERE device_id = ? AND deleted = 0 "
        "AND active = ? AND family_id IS NOT NULL",
        (device, 1 if active else 0),
    ).fetchall()
    return {str(r[0]) for r in rows}


def _forget_family(conn: Connection, peer: str, family_id: str) -> None:
    """Treat the peer as holding nothing of a family (it purged it, or will)."""
    conn.execute(
        "DELETE FROM sync_known WHERE peer = ? AND op_id IN "
        "(SELECT op_id FROM ops WHERE family_id = ?)",
        (peer, family_id),
    )
    conn.execute(  # and its attachments' bytes, which travel again if it comes back
        "DELETE FROM sync_known WHERE peer = ? AND op_id IN "
        f'(SELECT ? || id FROM "{BY_KIND["attachment"].table}" WHERE family_id = ?)',
        (peer, blobs.KEY, family_id),
    )


def _op_doc(row: tuple[Any, ...]) -> dict[str, Any]:
    body = json.loads(row[6])
    return {
        "id": row[0],
        "hlc": row[1],
        "dev": row[2],
        "kind": row[3],
        "rec": row[4],
        "fam": row[5],
        "set": body.get("set", {}),
        "rep": body.get("replaces", {}),
    }


def export_bundle(vault: Vault, identity: DeviceIdentity, peer_id: str) -> ExportResult:
    """Write the next bundle for one peer (and remember what it carries)."""
    peer = get_peer(vault, peer_id)
    if peer is None:
        raise BundleRejected(
            _("No trusted peer has device id {id}. Add it first with 'liaison peer add'.").format(
                id=peer_id
            )
        )
    if peer.revoked:
        raise BundleRejected(
            _("Device {id} has been revoked; no bundle is written for it.").format(id=peer_id)
        )
    with vault.transaction() as conn:
        last_seq, last_hash = _last_out(conn, peer.device_id)
        seq = last_seq + 1
        purges: list[str] = []
        entitled: set[str] | None = None  # a lead is entitled to every family
        if peer.role == "lead":
            where, params = "", []
        else:
            entitled = _allocated(conn, peer.device_id, active=True)
            for family_id in entitled:
                if conn.execute(
                    "DELETE FROM sync_peer_purged WHERE peer = ? AND family_id = ?",
                    (peer.device_id, family_id),
                ).rowcount:
                    _forget_family(conn, peer.device_id, family_id)  # re-allocated: send it all
            if identity.role == "lead":  # only a lead's allocations decide what is purged
                purges = sorted(_allocated(conn, peer.device_id, active=False) - entitled)
                for family_id in purges:
                    if conn.execute(
                        "INSERT OR IGNORE INTO sync_peer_purged (peer, family_id) VALUES (?, ?)",
                        (peer.device_id, family_id),
                    ).rowcount:
                        _forget_family(conn, peer.device_id, family_id)
            marks = ", ".join("?" for _ in DIRECTORY_KINDS)
            # A purge marker reaches a device that held what it purges (or, for a directory
            # record, every device); others never hear of the family or of its destruction.
            where = (
                f" AND ((o.family_id IS NULL AND o.kind IN ({marks})) "
                "OR o.family_id IN (SELECT value FROM json_each(?)) "
                "OR (o.kind = ? AND (json_extract(o.body, '$.set.target_family') IS NULL "
                "OR o.op_id IN (SELECT op_id FROM sync_erasure_holders WHERE device_id = ?))))"
            )
            params = [*DIRECTORY_KINDS, json.dumps(sorted(entitled)), ERASURE, peer.device_id]
        if identity.role != "lead":
            # An officer passes on only what it wrote: a receiving device accepts other
            # devices' changes only from a certified lead, which authorised them on arrival.
            where += " AND o.device = ?"
            params.append(identity.device_id)
        order = "o.hlc, o.device"
        if peer.role == "lead":  # concerns for the lead travel first (`RecordSpec.sync_first`)
            order = f"(o.kind IN ({SYNC_FIRST_SQL})) DESC, " + order
        rows = conn.execute(
            "SELECT o.op_id, o.hlc, o.device, o.kind, o.record_id, o.family_id, o.body "
            "FROM ops AS o WHERE NOT EXISTS (SELECT 1 FROM sync_known AS k "
            f"WHERE k.peer = ? AND k.op_id = o.op_id){where} ORDER BY {order}",
            (peer.device_id, *params),
        ).fetchall()
        anchor = audit_anchor.document(conn, peer.device_id)
        # A lead holds its officers' audit events (who viewed or changed what, no content).
        events = audit_events.to_send(conn, peer.device_id) if peer.role == "lead" else []
        if events:
            anchor["events"] = events
        certs = _certificates_not_held(conn, peer.device_id)
        # Attachment bytes beside their records (sync/blobs.py), to a device entitled to them.
        carried = blobs.to_send(conn, peer.device_id, entitled)
        body = {
            "ops": [_op_doc(r) for r in rows],
            "purge": purges,
            "revoked": revocations(vault),
            "certs": [doc for _key, doc in certs],
            "audit": anchor,
        }
        if carried:
            body["blobs"] = blobs.documents(carried)
        data, bundle_id = fmt.seal(
            signing_key=identity.ed25519_private,
            sender=identity.device_id,
            recipients=[(peer.device_id, peer.x25519)],
            seq=seq,
            prev=last_hash,
            ack=_acks_for(conn, peer.device_id),
            body=body,
        )
        conn.execute(
            "INSERT INTO sync_bundles_out (peer, seq, bundle_id, hash, created_at, audit_seq) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (peer.device_id, seq, bundle_id, fmt.file_hash(data), now_utc(), anchor["head"][0]),
        )
        sent_events = [f"{audit_events.SENT_KEY}{events[-1][0]}"] if events else []
        conn.executemany(
            "INSERT OR IGNORE INTO sync_sent (peer, seq, op_id) VALUES (?, ?, ?)",
            [(peer.device_id, seq, r[0]) for r in rows]
            + [(peer.device_id, seq, k) for k, _ in certs]
            + [(peer.device_id, seq, k) for k in sent_events]
            + [(peer.device_id, seq, blobs.KEY + i) for i, _data in carried],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sync_sent_purges (peer, seq, family_id) VALUES (?, ?, ?)",
            [(peer.device_id, seq, f) for f in purges],
        )
    return ExportResult(data, bundle_id, peer.device_id, seq, len(rows), len(purges))


# -- applying -----------------------------------------------------------------------------------
CERT_KEY = "cert:"  # certificates are acknowledged like operations, under this key prefix


def _certificates_not_held(conn: Connection, peer: str) -> list[tuple[str, dict[str, Any]]]:
    """(key, document) of the certificates to carry to `peer`: those it has not acknowledged.

    Every device's certificate in every bundle made each bundle grow with the number of
    devices (and a lead's sync with its square). A certificate now travels like an operation:
    in each bundle until the peer acknowledges one that held it (its key is then in
    `sync_known`); a re-issued certificate is a new document and travels again. Order is
    kept, so a deputy's certificate still comes before those it issued."""
    held = {
        str(r[0])
        for r in conn.execute(
            "SELECT op_id FROM sync_known WHERE peer = ? AND op_id LIKE ?", (peer, CERT_KEY + "%")
        )
    }
    out = []
    for doc in certificates.documents(conn):
        canonical = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
        key = CERT_KEY + hashlib.sha256(canonical).hexdigest()
        if key not in held:
            out.append((key, doc))
    return out


def _process_acks(conn: Connection, peer: str, acked: tuple[int, ...]) -> None:
    """Count the operations of acknowledged bundles as held by the peer (in order)."""
    if not acked:
        return
    pending = {
        int(r[0])
        for r in conn.execute(
            "SELECT seq FROM sync_sent WHERE peer = ? UNION "
            "SELECT seq FROM sync_sent_purges WHERE peer = ?",
            (peer, peer),
        )
    }
    for seq in sorted(set(acked) & pending):
        conn.execute(
            "INSERT OR IGNORE INTO sync_known (peer, op_id) "
            "SELECT peer, op_id FROM sync_sent WHERE peer = ? AND seq = ?",
            (peer, seq),
        )
        for (family_id,) in conn.execute(
            "SELECT family_id FROM sync_sent_purges WHERE peer = ? AND seq = ?", (peer, seq)
        ).fetchall():
            _forget_family(conn, peer, str(family_id))
            # The peer now knows the family was taken back from it: what it writes there
            # afterwards is refused (sync/authority.py), what it wrote before still arrives.
            conn.execute(
                "INSERT OR IGNORE INTO sync_known (peer, op_id) SELECT ?, op_id FROM ops "
                "WHERE kind = 'allocation' AND record_id = ? "
                "AND json_extract(body, '$.set.active') = 0",
                (peer, allocation_id(str(family_id), peer)),
            )
    newest = max(acked)
    # Bundles older than the newest acknowledged one and never acknowledged were lost or
    # superseded: their operations are not known to the peer and simply travel again.
    conn.execute("DELETE FROM sync_sent WHERE peer = ? AND seq <= ?", (peer, newest))
    conn.execute("DELETE FROM sync_sent_purges WHERE peer = ? AND seq <= ?", (peer, newest))


def _screen_purged(
    conn: Connection, own_device: str, peer: Peer, ops: tuple[Op, ...]
) -> tuple[Op, ...]:
    """An officer's filter: a family a lead took back is not brought back by another officer.

    `sync_peer_purged` rows with this device's own id mark families purged here. Operations
    for them from a lead mean the lead has allocated the family again (the mark goes); from
    anyone else they are left out (not applied, not remembered), so the lead's purge holds
    while the other officer's knowledge of the allocation catches up.
    """
    purged = {
        str(r[0])
        for r in conn.execute(
            "SELECT family_id FROM sync_peer_purged WHERE peer = ?", (own_device,)
        )
    }
    if not purged:
        return ops
    if peer.role == "lead":
        for family_id in {op.family_id for op in ops if op.family_id in purged}:
            conn.execute(
                "DELETE FROM sync_peer_purged WHERE peer = ? AND family_id = ?",
                (own_device, family_id),
            )
        return ops
    return tuple(op for op in ops if op.family_id not in purged)


def apply_verified(
    store: RecordStore, identity: DeviceIdentity, verified: Verified
) -> ImportResult:
    """Apply a verified bundle inside the caller's transaction."""
    conn = store.conn
    header, peer = verified.header, verified.peer
    result = ImportResult(header.bundle_id, peer.device_id, peer.name, "applied")
    if check_sequence(conn, header) == "already":
        result.status = "already"
        return result
    certificates.store_all(conn, verified.certs)  # first: a deputy certified here may revoke
    add_certified_leads(conn, identity.device_id, verified.certs)
    if peer.role == "lead":  # a certified lead's revocations bind the devices it works with
        roots = certificates.trust_roots(conn)
        for rev in verified.revoked:
            if rev["device"] == identity.device_id or not is_certified_lead(conn, rev["by"]):
                continue  # an officer's revocation is its own choice, not the school's
            if rev["device"] in roots and rev["device"] in (peer.device_id, rev["by"]):
                continue  # a trust root is revoked only by another lead (a lost laptop)
            if record_revocation(conn, rev["device"], rev["by"], rev["at"]):
                result.revocations += 1
    # Judged with what the signer knew before this bundle's acknowledgements count (below).
    judge = Judge(conn, peer, verified.ops, identity.role == "lead")
    _process_acks(conn, peer.device_id, header.ack)
    before = conn.execute("SELECT count(*) FROM conflicts").fetchone()[0]
    now_ms = int(time.time() * 1000)
    ahead = 0
    ops = verified.ops
    returning: set[str] = set()
    if identity.role == "officer":
        ops = _screen_purged(conn, identity.device_id, peer, ops)
        # Families absent here that this bundle brings: one taken back and now allocated here
        # again gets this device's own retained late work merged back in (reapply_retained).
        returning = {
            str(op.record_id)
            for op in ops
            if op.kind == "family"
            and conn.execute("SELECT 1 FROM families WHERE id = ?", (op.record_id,)).fetchone()
            is None
        }
    for op in ops:
        # Judged just before it is applied, so a family created earlier in the bundle counts;
        # a refusal raises and the caller's transaction takes back everything of the bundle.
        judge.check(op)
        if apply_remote(store, op):
            result.ops_applied += 1
            if op.kind == ERASURE:
                result.erasures += 1
            if op.kind == "concern" and "observed" in op.values:
                result.concerns += 1
        else:
            result.ops_already += 1
        if op.device == peer.device_id:
            ahead = max(ahead, parse_stamp(op.hlc)[0] - now_ms)
    for family_id in returning:
        if conn.execute("SELECT 1 FROM families WHERE id = ?", (family_id,)).fetchone():
            reapply_retained(store, family_id)
    conn.executemany(
        "INSERT OR IGNORE INTO sync_known (peer, op_id) VALUES (?, ?)",
        [(peer.device_id, op.op_id) for op in ops],
    )
    result.attachments = blobs.keep(conn, peer.device_id, peer.name, verified.blobs)
    result.conflicts = int(conn.execute("SELECT count(*) FROM conflicts").fetchone()[0]) - before
    if peer.role == "lead" and identity.role == "officer":
        for family_id in verified.purges:
            conn.execute(
                "INSERT OR IGNORE INTO sync_peer_purged (peer, family_id) VALUES (?, ?)",
                (identity.device_id, family_id),
            )
            if purge_family(store, family_id, peer.device_id):
                result.purged_families += 1
    if ahead > CLOCK_AHEAD_MS:
        result.notes.append(
            _(
                "The clock of {name}'s device is about {minutes} minutes ahead of this one. "
                "Sync still works; ask them to check the date and time."
            ).format(name=peer.name, minutes=ahead // 60000)
        )
    if verified.audit is not None:
        problem = audit_anchor.check_and_keep(conn, peer.device_id, verified.audit)
        if problem is None and identity.role == "lead":
            problem = audit_events.check_and_keep(
                conn, peer.device_id, verified.audit_events, verified.audit[0]
            )
        if problem is not None:
            audit.append(
                conn,
                at=now_utc(),
                actor=store.actor,
                device=store.device_id,
                action=SECURITY_FLAGGED,
                detail=f"{peer.device_id}: {problem}"[:2000],
            )
            result.security.append(
                {
                    "sender": peer.device_id,
                    "sender_name": peer.name,
                    "what": _("the audit log of {name}'s device: {problem}").format(
                        name=peer.name, problem=problem
                    ),
                    "refused": False,
                }
            )
    conn.execute(
        "INSERT INTO sync_bundles_in (bundle_id, sender, seq, hash, imported_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (header.bundle_id, peer.device_id, header.seq, verified.hash, now_utc()),
    )
    return result


def import_bundles(
    store: RecordStore, identity: DeviceIdentity, files: list[bytes]
) -> list[ImportResult]:
    """Verify every bundle, then apply them all in one transaction (all or nothing)."""
    results = []
    try:
        verified = [verify(store.vault, identity, data) for data in files]
        verified.sort(key=lambda v: (v.header.sender, v.header.seq))
        with store.vault.transaction():
            for item in verified:
                results.append(apply_verified(store, identity, item))
    except OpRefused as refused:  # rolled back; what stays is the record that it happened
        entry = record_refusal(store, refused)
        _record_history(store, [{"file": "", "reason": str(refused)}], [entry])
        raise
    flagged = [entry for r in results for entry in r.security]
    if flagged:
        _record_history(store, [], flagged)
    if any(r.erasures for r in results):
        purge.scrub(store.conn)  # no copy of a purged page may stay in the WAL file
    return results


def _record_history(
    store: RecordStore, rejected: list[dict[str, str]], security: list[dict[str, Any]]
) -> None:
    """A Sync history entry for security events of a `bundle import` (not a folder sync)."""
    at = now_utc()
    summary = {
        "at": at,
        "folder": "",
        "imported": [],
        "written": [],
        "rejected": rejected,
        "skipped": 0,
        "security": security,
    }
    with store.vault.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_history (at, summary) VALUES (?, ?)",
            (at, json.dumps(summary, ensure_ascii=False)),
        )
