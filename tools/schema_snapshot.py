"""Write the schema of a vault this version creates to DIR/vN.sql (N = its schema version).

Run it when adding migration N+1, *before* changing the specs or adding the migration, so
`tests/store/test_schema_parity.py` can check that a vault of version N, opened by the new
app, ends up with exactly a fresh vault's schema:

    python -m tools.schema_snapshot tests/store/schemas

The file holds SQL only (no data): tables, indexes, triggers and full-text tables, without
SQLite's own tables or the shadow tables FTS5 makes for itself.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def schema_sql() -> tuple[int, list[str]]:
    """The schema version and CREATE statements of a fresh vault, in creation order."""
    os.environ.setdefault("LIAISON_KDF_SECONDS", "0")
    from liaison_desktop.store.vault import Vault

    with tempfile.TemporaryDirectory() as scratch:
        vault, _key = Vault.create(
            Path(scratch) / "vault",
            "schema snapshot passphrase",
            owner_name="Schema Snapshot",
            role="lead",
            kdf_target_seconds=0,
        )
        try:
            conn = vault.conn
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            rows = conn.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
            ).fetchall()
        finally:
            vault.close()
    virtual = [name for name, _t, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]

    def shadow(name: str) -> bool:
        return any(name.startswith(v + "_") for v in virtual)

    sqls = [
        sql.strip() + ";"
        for name, table, sql in rows
        if not name.startswith("sqlite_") and not shadow(name) and not shadow(table)
    ]
    return version, sqls


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 64
    version, sqls = schema_sql()
    out = Path(argv[0]) / f"v{version}.sql"
    out.write_text(f"-- schema_version {version}\n" + "\n".join(sqls) + "\n", encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
