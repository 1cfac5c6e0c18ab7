"""The shape of a vault's schema, compared by meaning rather than by the text that made it.

A column added by ALTER TABLE sits at the end and its table's CREATE text differs from a
fresh vault's, so tables compare as sets of columns (name, type, not-null, default, key),
indexes by table, columns, uniqueness and condition, and triggers and full-text tables by
their normalised SQL. Shadow tables of FTS5 tables follow from the FTS5 table itself.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from liaison_desktop.store.database import Connection

Shape = dict[str, Any]


def _normalised(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip().rstrip(";")


def _shadow_tables(conn: Connection) -> set[str]:
    virtual = [
        name
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        if sql and sql.upper().startswith("CREATE VIRTUAL TABLE")
    ]
    return {
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if any(name.startswith(v + "_") for v in virtual)
    }


def schema_shape(conn: Connection) -> Shape:
    """Every table, index, trigger and full-text table of the vault, by meaning."""
    shadow = _shadow_tables(conn)
    shape: Shape = {}
    objects = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    for kind, name, table, sql in objects:
        if name in shadow or table in shadow:
            continue
        if kind == "table" and sql and sql.upper().startswith("CREATE VIRTUAL TABLE"):
            shape[f"fts {name}"] = _normalised(sql)
        elif kind == "table":
            columns = conn.execute(f'PRAGMA table_xinfo("{name}")').fetchall()
            shape[f"table {name}"] = sorted(
                (c[1], c[2].upper(), bool(c[3]), c[4], c[5]) for c in columns
            )
            shape[f"without rowid {name}"] = "WITHOUT ROWID" in (sql or "").upper()
        elif kind == "index" and sql is not None:
            info = conn.execute(f'PRAGMA index_xinfo("{name}")').fetchall()
            where = sql.upper().split(" WHERE ", 1)[1] if " WHERE " in sql.upper() else ""
            shape[f"index {name}"] = (
                table,
                [c[2] for c in info if c[5]],  # key columns in order
                "UNIQUE INDEX" in sql.upper(),
                _normalised(where),
            )
        elif kind == "trigger":
            shape[f"trigger {name}"] = _normalised(sql)
    return shape


def differences(old: Shape, new: Shape) -> list[str]:
    """What a migrated vault lacks, has extra, or has otherwise, beside a fresh one."""
    found = [f"missing: {key}" for key in sorted(new.keys() - old.keys())]
    found += [f"extra: {key}" for key in sorted(old.keys() - new.keys())]
    found += [
        f"differs: {key}: {old[key]!r} != {new[key]!r}"
        for key in sorted(old.keys() & new.keys())
        if old[key] != new[key]
    ]
    return found


def statements(path: Path) -> tuple[int, list[str]]:
    """The schema version and the statements of a snapshot file (`tools/schema_snapshot.py`)."""
    text = path.read_text(encoding="utf-8")
    first, _newline, rest = text.partition("\n")
    version = int(first.removeprefix("-- schema_version ").strip())
    found: list[str] = []
    pending = ""
    for line in rest.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    assert not pending.strip(), f"{path.name} ends inside a statement"
    return version, found
