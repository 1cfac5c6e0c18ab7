"""Officers' audit events carried to their lead in bundles, chained and checked (issue 23).

Each device's audit log is a hash chain (store/audit.py). A bundle for a lead carries the
sender's events the lead has not acknowledged (at most `MAX_EVENTS` a bundle; the rest come
in the next), each with its `prev_hash` and `hash`. The lead recomputes every link between
them and checks that the newest one matches the chain head the same bundle carries
(sync/audit_anchor.py, which also detects a log rewritten before them). Events that do not
chain are not kept and the device is flagged, as a rewritten log is; the bundle's operations
are still judged on their own. Events the lead already holds stay as first received.

Events hold no case content (the action, the record's kind and id, the family's id, field
names), so a lead may hold every officer's: who viewed, changed or exported what, and when.
"""

from __future__ import annotations

from typing import Any

from ..i18n import _
from ..store import audit
from ..store.database import Connection
from ..store.vault import now_utc
from .audit_anchor import is_hash as _is_hash

MAX_EVENTS = 2000
SENT_KEY = "audit-events:"  # acknowledged like an operation: the last event a bundle carried
Row = tuple[Any, ...]  # audit.COLUMNS, then prev_hash and hash


def acknowledged_up_to(conn: Connection, peer: str) -> int:
    """The last own event `peer` has acknowledged receiving (0 for none)."""
    row = conn.execute(
        "SELECT max(CAST(substr(op_id, ?) AS INTEGER)) FROM sync_known "
        "WHERE peer = ? AND op_id >= ? AND op_id < ?",
        (len(SENT_KEY) + 1, peer, SENT_KEY, SENT_KEY[:-1] + ";"),
    ).fetchone()
    return int(row[0] or 0)


def to_send(conn: Connection, peer: str) -> list[list[Any]]:
    """This device's audit events `peer` (a lead) does not yet hold, oldest first."""
    start = acknowledged_up_to(conn, peer)
    rows = conn.execute(
        f"SELECT {', '.join(audit.COLUMNS)}, prev_hash, hash FROM audit WHERE seq > ? "
        "ORDER BY seq LIMIT ?",
        (start, MAX_EVENTS),
    ).fetchall()
    return [list(r) for r in rows]


def parse(docs: Any) -> tuple[Row, ...]:
    """A bundle's events, checked for shape (ValueError otherwise); links are checked later."""
    if not isinstance(docs, list) or len(docs) > MAX_EVENTS:
        raise ValueError("audit events")
    rows = []
    for doc in docs:
        if not isinstance(doc, list) or len(doc) != len(audit.COLUMNS) + 2:
            raise ValueError("audit event")
        seq, at, actor, device, action, kind, record_id, family_id, op_id, detail = doc[:10]
        prev_hash, digest = doc[10], doc[11]
        if type(seq) is not int or seq < 1:
            raise ValueError("audit event seq")
        for text in (at, actor, device, action, detail):
            if not isinstance(text, str) or len(text) > 4000:
                raise ValueError("audit event text")
        for optional in (kind, record_id, family_id, op_id):
            if optional is not None and (not isinstance(optional, str) or len(optional) > 200):
                raise ValueError("audit event field")
        if not (_is_hash(prev_hash) and _is_hash(digest)):
            raise ValueError("audit event hash")
        rows.append(tuple(doc))
    return tuple(rows)


def check_and_keep(
    conn: Connection, device: str, rows: tuple[Row, ...], head: tuple[int, str] | None
) -> str | None:
    """Keep `device`'s events if every link holds; else keep none and say what is wrong."""
    if not rows:
        return None
    last = conn.execute(
        "SELECT max(seq) FROM sync_audit_events WHERE device_id = ?", (device,)
    ).fetchone()
    kept_seq = int(last[0] or 0)
    # Events already kept are the evidence and stay as first received: a log rewritten since
    # is what the chain head and its marks detect (sync/audit_anchor.py), flagged there once.
    fresh = [row for row in rows if row[0] > kept_seq]
    for before, row in zip([None, *fresh], fresh, strict=False):
        values = tuple(row[:10])
        if row[3] != device:
            return _("it sent audit events of another device.")
        links = before is None or (row[0] == before[0] + 1 and row[10] == before[11])
        if not links or audit.digest(str(row[10]), values) != row[11]:
            return _("its audit events do not chain: event {seq} does not follow the one before."
                     ).format(seq=row[0])  # fmt: skip
    if head is not None and fresh and fresh[-1][0] == head[0] and fresh[-1][11] != head[1]:
        return _("its newest audit event does not match the head its bundle carries.")
    received = now_utc()
    conn.executemany(
        "INSERT INTO sync_audit_events (device_id, seq, at, actor, device, action, kind, "
        "record_id, family_id, op_id, detail, prev_hash, hash, received_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(device, *row, received) for row in fresh],
    )
    return None
