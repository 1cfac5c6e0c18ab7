"""The storage checks `liaison verify` runs: page authentication, SQLite's integrity and
foreign keys, the schema version, the vault's metadata, and every row decrypted."""

from __future__ import annotations

from collections.abc import Mapping

from ..i18n import _
from . import migrations
from .database import Connection, DatabaseError, damaged_message

REQUIRED_META = ("vault_id", "owner_name", "role", "device_id", "created_at")
ROLES = ("officer", "lead")


def storage_problems(conn: Connection, meta: Mapping[str, str]) -> list[str]:
    """Storage-level checks: page HMACs, SQLite integrity, foreign keys, schema, every row.

    Returns a list of problems in plain words; empty means the vault is sound.
    """
    problems: list[str] = []
    try:
        bad_pages = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if bad_pages:
            problems.append(
                _("{n} encrypted page(s) failed their authentication check.").format(
                    n=len(bad_pages)
                )
            )
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if integrity != ["ok"]:
            problems.append(
                _("SQLite integrity check failed: {detail}").format(detail="; ".join(integrity[:5]))
            )
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(_("Some records point to records that do not exist."))
        version = migrations.schema_version(conn)
        if version != migrations.latest_version():
            problems.append(
                _("Schema version is {found}, expected {expected}.").format(
                    found=version, expected=migrations.latest_version()
                )
            )
        meta = dict(meta)
        missing = [k for k in REQUIRED_META if k not in meta]
        if missing:
            problems.append(_("Vault metadata is missing: {keys}.").format(keys=", ".join(missing)))
        if meta.get("role") not in ROLES:
            problems.append(_("Vault metadata names an unknown role."))
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:  # decrypt every record
            for _row in conn.execute(f'SELECT * FROM "{table}"'):
                pass
    except DatabaseError:
        problems.append(damaged_message())
    return problems
