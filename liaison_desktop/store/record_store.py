"""Records as field-level operations: every change is logged, versioned per field and audited.

The cr-sqlite model (DESIGN §5): each record kind has a table holding the current value of
each field, plus `versions`, a JSON map from field to the version ("hlc@device") that wrote
it. Every local change appends one operation to the `ops` log — the values of the fields it
sets, its clock stamp and device, and the version each field had before (what it replaced) —
and one event to the hash-chained audit log, and re-indexes the record for search, all inside
the caller's transaction. Sync ships these operations; merge compares versions per field.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from ..domain.records import RecordSpec, spec_for
from . import audit, search_index
from .database import Connection, translated_errors
from .hlc import ADOPT_AHEAD_MS, MAX_COUNTER, MAX_MS, HybridClock, format_stamp, now_ms
from .record_tables import DELETED, Op, decode_row, encode, log_op
from .vault import Vault, now_utc


class RecordStore:
    """Reads and writes records of an open vault through the operation log."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        meta = vault.meta()
        self.device_id = meta["device_id"]
        self.actor = meta.get("owner_name", "")
        self.clock = HybridClock(meta.get("hlc_last"))

    @property
    def conn(self) -> Connection:
        return self.vault.conn

    # -- reading -------------------------------------------------------------------------------
    def get(
        self, kind: str, record_id: str, *, include_deleted: bool = False
    ) -> dict[str, Any] | None:
        """One record as plain values, or None."""
        spec = spec_for(kind)
        with translated_errors():
            row = self._raw(spec, record_id)
        if row is None or (row["deleted"] and not include_deleted):
            return None
        return decode_row(spec, row)

    def query(
        self,
        kind: str,
        where: str = "",
        params: tuple[Any, ...] | list[Any] = (),
        *,
        order_by: str = "",
        limit: int | None = None,
        include_deleted: bool = False,
    ) -> list[dict[str, Any]]:
        """Records matching an SQL condition on the kind's own columns."""
        spec = spec_for(kind)
        clauses = [] if include_deleted else ["deleted = 0"]
        if where:
            clauses.append(f"({where})")
        sql = f'SELECT * FROM "{spec.table}"'
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order_by:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with translated_errors():
            cursor = self.conn.execute(sql, tuple(params))
            names = [d[0] for d in cursor.description]
            return [decode_row(spec, dict(zip(names, r, strict=True))) for r in cursor]

    def count(self, kind: str, where: str = "", params: tuple[Any, ...] = ()) -> int:
        spec = spec_for(kind)
        sql = f'SELECT count(*) FROM "{spec.table}" WHERE deleted = 0'
        if where:
            sql += f" AND ({where})"
        with translated_errors():
            return int(self.conn.execute(sql, params).fetchone()[0])

    def _raw(self, spec: RecordSpec, record_id: str) -> dict[str, Any] | None:
        cursor = self.conn.execute(f'SELECT * FROM "{spec.table}" WHERE id = ?', (record_id,))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row, strict=True))

    # -- writing -------------------------------------------------------------------------------
    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    def put(
        self,
        kind: str,
        record_id: str,
        values: dict[str, Any],
        *,
        action: str | None = None,
        detail: str | None = None,
    ) -> Op | None:
        """Create or change a record with already-validated values; None when nothing changed."""
        spec = spec_for(kind)
        with self.vault.transaction():
            current = self._raw(spec, record_id)
            if current is None:
                changes = {k: v for k, v in values.items() if v is not None and v != []}
                changes.update({k: v for k, v in values.items() if k == DELETED})
            else:
                changes = {
                    k: v
                    for k, v in values.items()
                    if (encode(spec, k, v) if k != DELETED else int(bool(v))) != current.get(k)
                }
            if current is not None and not changes:
                return None
            versions: dict[str, str] = json.loads(current["versions"]) if current else {}
            self._catch_up_clock()
            op = Op(
                op_id=uuid.uuid4().hex,
                hlc=self.clock.now(),
                device=self.device_id,
                kind=kind,
                record_id=record_id,
                family_id=self._family_of(spec, record_id, values, current),
                values=changes,
                replaces={name: versions.get(name) for name in changes},
            )
            self._materialise(spec, op, current, versions)
            log_op(self.conn, op, local=True)
            audit.append(
                self.conn,
                at=now_utc(),
                actor=self.actor,
                device=self.device_id,
                action=action or ("create" if current is None else "update"),
                kind=kind,
                record_id=record_id,
                family_id=op.family_id,
                op_id=op.op_id,
                detail=detail if detail is not None else ",".join(sorted(changes)),
            )
            self.vault.pending_changes.note(kind, op.family_id)
            return op

    def delete(self, kind: str, record_id: str) -> Op | None:
        """Tombstone a record: it disappears from views and search, and the delete syncs."""
        return self.put(kind, record_id, {DELETED: True}, action="delete", detail="")

    def record_event(
        self,
        action: str,
        *,
        kind: str | None = None,
        record_id: str | None = None,
        family_id: str | None = None,
        detail: str = "",
    ) -> None:
        """Audit something that changes no record (a family viewed, a report exported)."""
        with self.vault.transaction():
            audit.append(
                self.conn,
                at=now_utc(),
                actor=self.actor,
                device=self.device_id,
                action=action,
                kind=kind,
                record_id=record_id,
                family_id=family_id,
                detail=detail,
            )

    def put_blob(self, blob_id: str, data: bytes) -> None:
        """Store attachment bytes (encrypted with the rest of the vault)."""
        with self.vault.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO attachment_blobs (id, data) VALUES (?, ?)", (blob_id, data)
            )

    def get_blob(self, blob_id: str) -> bytes | None:
        with translated_errors():
            row = self.conn.execute(
                "SELECT data FROM attachment_blobs WHERE id = ?", (blob_id,)
            ).fetchone()
        return bytes(row[0]) if row else None

    # -- internals -----------------------------------------------------------------------------
    def _catch_up_clock(self) -> None:
        # Another store or the sync merge on this vault may have issued or observed later
        # stamps; a local edit must sort after every version it could be replacing.
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'hlc_last'").fetchone()
        if row is not None and not self.clock.observe(row[0]):
            self._recover_clock()

    def _recover_clock(self) -> None:
        """The stored clock is damaged or forged: go on from the newest believable stamp.

        Every version in the log that a clock may hold still sorts before the next stamp; the
        stored value is replaced when this write saves the clock, and the audit log says so.
        """
        bound = format_stamp(min(MAX_MS, now_ms() + ADOPT_AHEAD_MS), MAX_COUNTER)
        newest = self.conn.execute("SELECT max(hlc) FROM ops WHERE hlc <= ?", (bound,)).fetchone()
        if newest is not None and newest[0]:
            self.clock.observe(str(newest[0]))
        audit.append(
            self.conn,
            at=now_utc(),
            actor=self.actor,
            device=self.device_id,
            action="clock-recovered",
            detail="the stored clock was malformed or far in the future; recovered from the log",
        )

    @staticmethod
    def _family_of(
        spec: RecordSpec, record_id: str, values: dict[str, Any], current: dict[str, Any] | None
    ) -> str | None:
        if spec.family_field is None:
            return None
        if spec.family_field == "id":
            return record_id
        value = values.get(spec.family_field)
        if value is None and current is not None:
            value = current.get(spec.family_field)
        return str(value) if value is not None else None

    def _materialise(
        self, spec: RecordSpec, op: Op, current: dict[str, Any] | None, versions: dict[str, str]
    ) -> None:
        for name in op.values:
            versions[name] = op.version
        stamp = now_utc()
        encoded = {
            name: (int(bool(v)) if name == DELETED else encode(spec, name, v))
            for name, v in op.values.items()
        }
        if current is None:
            row = {
                "id": op.record_id,
                **encoded,
                "created_at": stamp,
                "updated_at": stamp,
                "versions": json.dumps(versions, sort_keys=True),
            }
            names = ", ".join(f'"{k}"' for k in row)
            marks = ", ".join("?" for _ in row)
            self.conn.execute(
                f'INSERT INTO "{spec.table}" ({names}) VALUES ({marks})', tuple(row.values())
            )
            merged = row
        else:
            assignments = {
                **encoded,
                "updated_at": stamp,
                "versions": json.dumps(versions, sort_keys=True),
            }
            sets = ", ".join(f'"{k}" = ?' for k in assignments)
            self.conn.execute(
                f'UPDATE "{spec.table}" SET {sets} WHERE id = ?',
                (*assignments.values(), op.record_id),
            )
            merged = {**current, **assignments}
        search_index.index_record(self.conn, spec, op.record_id, decode_row(spec, merged))
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc_last', ?)", (self.clock.last,)
        )
