"""The audit trail anchored in bundles (issue 15, part 4).

Each device's audit log is a hash chain (store/audit.py): the hash at event k covers every event
up to k. Each bundle carries the sender's chain head (seq, hash) and "marks": the sender's
current hash at each head it sent this recipient before. The recipient keeps the last head it
received from each device; at the next bundle it looks for the mark at that seq. The same hash
means nothing up to there was changed; a missing mark, a different hash or a shorter chain means
the device's audit log was truncated or rewritten since, and the device is flagged (a security
event for the lead: the bundle is still applied, its operations are authorised on their own).

What it cannot see: changes a device makes to its log and never sends a bundle after, and
changes to events newer than the last head it sent (those are covered from the next bundle on).
"""

from __future__ import annotations

from typing import Any

from ..i18n import _
from ..store import audit
from ..store.database import Connection
from ..store.vault import now_utc

MAX_MARKS = 256
_HASH_LEN = 64


def head(conn: Connection) -> tuple[int, str]:
    """This device's audit-chain head: (last seq, its hash); (0, genesis) for an empty log."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, audit.GENESIS)


def document(conn: Connection, peer: str) -> dict[str, Any]:
    """The "audit" entry of a bundle for `peer`: the head, and marks at the heads sent before."""
    seqs = [
        int(r[0])
        for r in conn.execute(
            "SELECT DISTINCT audit_seq FROM sync_bundles_out WHERE peer = ? "
            "AND audit_seq IS NOT NULL ORDER BY audit_seq DESC LIMIT ?",
            (peer, MAX_MARKS),
        )
    ]
    marks = []
    for seq in sorted(seqs):
        row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        marks.append([seq, str(row[0]) if row else (audit.GENESIS if seq == 0 else None)])
    seq, digest = head(conn)
    return {"head": [seq, digest], "marks": marks}


def parse(doc: Any) -> tuple[tuple[int, str], dict[int, str | None]]:
    """A bundle's "audit" entry, checked for shape; ValueError otherwise."""
    if not isinstance(doc, dict) or set(doc) - {"events"} != {"head", "marks"}:
        raise ValueError("audit shape")
    seq, digest = doc["head"] if isinstance(doc["head"], list) and len(doc["head"]) == 2 else (
        None, None)  # fmt: skip
    if type(seq) is not int or seq < 0 or not is_hash(digest):
        raise ValueError("audit head")
    marks: dict[int, str | None] = {}
    if not isinstance(doc["marks"], list) or len(doc["marks"]) > MAX_MARKS:
        raise ValueError("audit marks")
    for mark in doc["marks"]:
        if not (isinstance(mark, list) and len(mark) == 2 and type(mark[0]) is int):
            raise ValueError("audit mark")
        if mark[1] is not None and not is_hash(mark[1]):
            raise ValueError("audit mark hash")
        marks[mark[0]] = mark[1]
    return (seq, str(digest)), marks


def is_hash(value: Any) -> bool:
    """Whether `value` is a SHA-256 digest in lower-case hex."""
    return (
        isinstance(value, str)
        and len(value) == _HASH_LEN
        and all(c in "0123456789abcdef" for c in value)
    )


def check_and_keep(
    conn: Connection, device: str, received: tuple[tuple[int, str], dict[int, str | None]]
) -> str | None:
    """Compare with the head kept from `device`'s last bundle, keep the new one.

    Returns what is wrong in plain words (the device is then flagged), or None.
    """
    (seq, digest), marks = received
    kept = conn.execute(
        "SELECT seq, hash FROM sync_audit_heads WHERE device_id = ?", (device,)
    ).fetchone()
    problem = None
    if kept is not None:
        kept_seq, kept_hash = int(kept[0]), str(kept[1])
        if seq < kept_seq or (kept_seq in marks and marks[kept_seq] is None):
            problem = _(
                "its audit log was cut short: it now ends at event {seq}, but it had reached "
                "event {kept} at its previous bundle."
            ).format(seq=seq, kept=kept_seq)
        elif (kept_seq == seq and digest != kept_hash) or (
            kept_seq != seq and marks.get(kept_seq) != kept_hash
        ):
            problem = _(
                "its audit log was changed: event {kept} no longer matches what its previous "
                "bundle showed."
            ).format(kept=kept_seq)
    conn.execute(
        "INSERT OR REPLACE INTO sync_audit_heads (device_id, seq, hash, received_at) "
        "VALUES (?, ?, ?, ?)",
        (device, seq, digest, now_utc()),
    )
    return problem
