"""The audit log: who did what when, hash-chained so a changed or removed row is detected.

Rows hold no case content (no names, notes or addresses): the action, the record it touched,
the names of the fields changed, and the operation id that carries the values.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .database import Connection

GENESIS = "0" * 64
COLUMNS = (
    "seq",
    "at",
    "actor",
    "device",
    "action",
    "kind",
    "record_id",
    "family_id",
    "op_id",
    "detail",
)


def create_table(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            device TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT,
            record_id TEXT,
            family_id TEXT,
            op_id TEXT,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX audit_family ON audit(family_id, seq)")


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: str
    actor: str
    device: str
    action: str
    kind: str | None
    record_id: str | None
    family_id: str | None
    op_id: str | None
    detail: str


def digest(prev_hash: str, values: tuple[Any, ...]) -> str:
    payload = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + "\n" + payload).encode("utf-8")).hexdigest()


def append(
    conn: Connection,
    *,
    at: str,
    actor: str,
    device: str,
    action: str,
    kind: str | None = None,
    record_id: str | None = None,
    family_id: str | None = None,
    op_id: str | None = None,
    detail: str = "",
) -> int:
    """Add one event to the chain (inside the caller's transaction); returns its number."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    values = (seq, at, actor, device, action, kind, record_id, family_id, op_id, detail)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, device, action, kind, record_id, family_id, op_id, "
        "detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (*values, prev_hash, digest(prev_hash, values)),
    )
    return seq


def events(conn: Connection, family_id: str | None = None) -> Iterator[AuditEvent]:
    """Audit events in order, optionally only those about one family."""
    sql = f"SELECT {', '.join(COLUMNS)} FROM audit"
    params: tuple[Any, ...] = ()
    if family_id is not None:
        sql += " WHERE family_id = ?"
        params = (family_id,)
    for row in conn.execute(sql + " ORDER BY seq", params):
        yield AuditEvent(*row)


def verify_chain(conn: Connection) -> list[str]:
    """Recompute every link; returns a description of the first break, or nothing."""
    prev_hash = GENESIS
    expected_seq = 1
    for row in conn.execute(
        f"SELECT {', '.join(COLUMNS)}, prev_hash, hash FROM audit ORDER BY seq"
    ):
        values, stored_prev, stored_hash = tuple(row[:10]), row[10], row[11]
        seq = values[0]
        if seq != expected_seq:
            return [f"Audit log: event {expected_seq} is missing (next found is {seq})."]
        if stored_prev != prev_hash or digest(prev_hash, values) != stored_hash:
            return [f"Audit log: event {seq} has been altered; the hash chain breaks there."]
        prev_hash = stored_hash
        expected_seq += 1
    return []
