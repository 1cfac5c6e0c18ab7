"""The tables records live in, and the operation log: one owner of what an operation is.

`ensure_tables` creates each record kind's table from its spec (migrations call it, so a vault
gains the tables and columns of kinds added since); `log_op` is the one writer of the `ops`
table, used by local writes (record_store) and by merges of other devices' work (sync/merge).
Nothing here opens a vault, so the migrations that build these tables import no vault code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..domain.fields import FieldType
from ..domain.records import ALL, RecordSpec
from .database import Connection

SYSTEM_COLUMNS = ("id", "deleted", "created_at", "updated_at", "versions")
DELETED = "deleted"


@dataclass(frozen=True)
class Op:
    """One operation: a device set these fields of one record at this clock stamp."""

    op_id: str
    hlc: str
    device: str
    kind: str
    record_id: str
    family_id: str | None
    values: dict[str, Any]
    replaces: dict[str, str | None]

    @property
    def version(self) -> str:
        return f"{self.hlc}@{self.device}"

    def body_json(self) -> str:
        return json.dumps(
            {"set": self.values, "replaces": self.replaces},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )


def _column_type(spec_type: FieldType) -> str:
    return "INTEGER" if spec_type in (FieldType.INT, FieldType.BOOL) else "TEXT"


def ensure_tables(conn: Connection) -> None:
    """Create missing record tables and add missing columns (idempotent; run by migrations)."""
    for spec in ALL:
        existing = {r[1] for r in conn.execute(f'PRAGMA table_info("{spec.table}")')}
        if not existing:
            columns = ", ".join(f'"{f.name}" {_column_type(f.type)}' for f in spec.fields)
            conn.execute(
                f'CREATE TABLE "{spec.table}" (id TEXT PRIMARY KEY NOT NULL, {columns}, '
                "deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, "
                "updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}')"
            )
        else:
            for f in spec.fields:
                if f.name not in existing:
                    conn.execute(
                        f'ALTER TABLE "{spec.table}" ADD COLUMN "{f.name}" {_column_type(f.type)}'
                    )
        if spec.family_field and spec.family_field != "id":
            conn.execute(
                f'CREATE INDEX IF NOT EXISTS "{spec.table}_family" '
                f'ON "{spec.table}"("{spec.family_field}")'
            )


def create_log_tables(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE ops (
            op_id TEXT PRIMARY KEY NOT NULL,
            hlc TEXT NOT NULL,
            device TEXT NOT NULL,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            family_id TEXT,
            body TEXT NOT NULL,
            local INTEGER NOT NULL
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX ops_by_clock ON ops(hlc, device)")
    conn.execute("CREATE INDEX ops_by_record ON ops(kind, record_id)")
    conn.execute("CREATE INDEX ops_by_family ON ops(family_id)")
    conn.execute("CREATE TABLE attachment_blobs (id TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL)")


def encode(spec: RecordSpec, name: str, value: Any) -> Any:
    """A cleaned field value as stored in its column."""
    if value is None:
        return None
    field_type = spec.field(name).type
    if field_type is FieldType.TAGS:
        return json.dumps(value, ensure_ascii=False)
    if field_type is FieldType.BOOL:
        return 1 if value else 0
    return value


def decode_row(spec: RecordSpec, row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as plain values (lists, booleans) without the sync bookkeeping."""
    out: dict[str, Any] = {"id": row["id"]}
    for f in spec.fields:
        value = row.get(f.name)
        if f.type is FieldType.TAGS:
            value = json.loads(value) if value else []
        elif f.type is FieldType.BOOL and value is not None:
            value = bool(value)
        out[f.name] = value
    out["deleted"] = bool(row.get("deleted"))
    out["created_at"] = row.get("created_at")
    out["updated_at"] = row.get("updated_at")
    return out


def log_op(conn: Connection, op: Op, *, local: bool) -> None:
    """Append `op` to the operation log (`local`: written on this device)."""
    conn.execute(
        "INSERT INTO ops (op_id, hlc, device, kind, record_id, family_id, body, local) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            op.op_id,
            op.hlc,
            op.device,
            op.kind,
            op.record_id,
            op.family_id,
            op.body_json(),
            int(local),
        ),
    )
