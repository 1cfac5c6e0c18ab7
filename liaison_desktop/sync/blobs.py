"""Attachment bytes carried in bundles (issue 23).

An attachment's record travels as an operation; its bytes (the `attachment_blobs` row) travel
beside the operations, to each device entitled to the family (the lead: every family; an
officer: its allocated ones), until that device acknowledges a bundle that held them — the
same way certificates travel (a `blob:<id>` key in `sync_sent`/`sync_known`). At most
`MAX_BLOB_BYTES` of bytes go in one bundle; the rest come in the next.

Where they arrive the bytes must match their record: the same size and SHA-256. A mismatch
from a signed sender is refused as a security event, the whole bundle with it. Bytes for an
attachment this device does not hold (a family not allocated here) are not kept.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from ..domain import records
from ..i18n import _
from ..store.database import Connection
from .refusal import OpRefused

KEY = "blob:"
MAX_BLOB_BYTES = 64 * 1024 * 1024  # of raw bytes per bundle (base64 adds a third)
_TABLE = records.ATTACHMENT.table


def to_send(conn: Connection, peer: str, families: set[str] | None) -> list[tuple[str, bytes]]:
    """(attachment id, bytes) of the attachments `peer` does not hold yet, within the limit;
    `families` are those it is entitled to (None: every family, for a lead)."""
    held = {
        str(r[0])[len(KEY) :]
        for r in conn.execute(
            "SELECT op_id FROM sync_known WHERE peer = ? AND op_id >= ? AND op_id < ?",
            (peer, KEY, KEY[:-1] + ";"),
        )
    }
    where, params = "a.deleted = 0", []
    if families is not None:
        where += " AND a.family_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(families)))
    out: list[tuple[str, bytes]] = []
    total = 0
    for attachment_id, data in conn.execute(
        f'SELECT a.id, b.data FROM "{_TABLE}" AS a JOIN attachment_blobs AS b ON b.id = a.id '
        f"WHERE {where} ORDER BY a.added_at, a.rowid",
        params,
    ):
        if str(attachment_id) in held:
            continue
        if out and total + len(data) > MAX_BLOB_BYTES:
            break  # the rest in the next bundle
        out.append((str(attachment_id), bytes(data)))
        total += len(data)
    return out


def documents(blobs: list[tuple[str, bytes]]) -> list[dict[str, str]]:
    """The "blobs" entry of a bundle body."""
    return [{"id": i, "data": base64.b64encode(data).decode("ascii")} for i, data in blobs]


def parse(docs: Any) -> tuple[tuple[str, bytes], ...]:
    """A body's blobs, checked for shape and decoded (ValueError otherwise)."""
    if not isinstance(docs, list):
        raise ValueError("blobs")
    out = []
    total = 0
    for doc in docs:
        if not (isinstance(doc, dict) and set(doc) == {"id", "data"}):
            raise ValueError("blob")
        if not isinstance(doc["id"], str) or not 1 <= len(doc["id"]) <= 100:
            raise ValueError("blob id")
        if not isinstance(doc["data"], str):
            raise ValueError("blob data")
        try:
            data = base64.b64decode(doc["data"], validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("blob base64") from None
        total += len(data)
        if total > 2 * MAX_BLOB_BYTES:
            raise ValueError("blobs too large")
        out.append((doc["id"], data))
    return tuple(out)


def keep(
    conn: Connection, peer_id: str, peer_name: str, blobs: tuple[tuple[str, bytes], ...]
) -> int:
    """Store the bytes of attachments held here (after the bundle's operations); returns how
    many were kept. OpRefused when bytes do not match their record."""
    kept = 0
    for attachment_id, data in blobs:
        row = conn.execute(
            f'SELECT sha256, size, deleted FROM "{_TABLE}" WHERE id = ?', (attachment_id,)
        ).fetchone()
        if row is None or row[2]:
            continue  # not held here (another officer's family), or removed since
        if hashlib.sha256(data).hexdigest() != row[0] or len(data) != int(row[1]):
            raise OpRefused(
                peer_id,
                peer_name,
                _("the bytes of attachment {id} do not match its record (size or SHA-256).").format(
                    id=attachment_id
                ),
            )
        conn.execute(
            "INSERT OR REPLACE INTO attachment_blobs (id, data) VALUES (?, ?)",
            (attachment_id, data),
        )
        kept += 1
    conn.executemany(
        "INSERT OR IGNORE INTO sync_known (peer, op_id) VALUES (?, ?)",
        [(peer_id, KEY + attachment_id) for attachment_id, _data in blobs],
    )
    return kept
