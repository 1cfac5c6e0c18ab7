"""A vault made by any earlier version, opened by this one, has exactly a fresh vault's schema.

`tests/store/schemas/vN.sql` is the schema a vault had when version N was the newest (taken
from the app of that time with `python -m tools.schema_snapshot`); a fixture for the newest
version must exist, so adding a field or table to the specs without a migration fails here
(the newest fixture, migrated, lacks it) instead of only breaking officers' existing vaults.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from liaison_desktop.domain import records
from liaison_desktop.domain.fields import FieldSpec, FieldType
from liaison_desktop.store import migrations, record_tables
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

from .schema_shape import Shape, differences, schema_shape, statements

SCHEMAS = Path(__file__).parent / "schemas"
SNAPSHOTS = sorted(SCHEMAS.glob("v*.sql"), key=lambda p: int(p.stem[1:]))


def _fresh_shape(root: Path) -> Shape:
    vault, _key = Vault.create(
        root / "fresh", PASSPHRASE, owner_name="Fresh", role="lead", kdf_target_seconds=0
    )
    try:
        return schema_shape(vault.conn)
    finally:
        vault.close()


def _vault_at(root: Path, snapshot: Path) -> Path:
    """A vault whose database has the snapshot's schema and version (and a real key file)."""
    data_dir = root / snapshot.stem
    vault, _key = Vault.create(
        data_dir, PASSPHRASE, owner_name="Old", role="lead", kdf_target_seconds=0
    )
    version, sqls = statements(snapshot)
    try:
        conn = vault.conn
        meta = conn.execute("SELECT key, value FROM meta").fetchall()
        objects = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        virtual = [n for n, sql in objects if sql.upper().startswith("CREATE VIRTUAL TABLE")]
        for name in virtual:
            conn.execute(f'DROP TABLE "{name}"')  # takes its shadow tables with it
        remaining = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for (name,) in remaining:
            conn.execute(f'DROP TABLE "{name}"')
        for sql in sqls:
            conn.execute(sql)
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta)
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        vault.close()
    return data_dir


def test_there_is_a_snapshot_of_every_version_up_to_the_newest() -> None:
    versions = [statements(p)[0] for p in SNAPSHOTS]
    assert versions == list(range(1, migrations.latest_version() + 1)), (
        "add tests/store/schemas/vN.sql for the newest version: "
        "python -m tools.schema_snapshot tests/store/schemas"
    )


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=lambda p: p.stem)
def test_a_vault_from_every_older_version_migrates_to_a_fresh_vaults_schema(
    tmp_path: Path, snapshot: Path
) -> None:
    data_dir = _vault_at(tmp_path, snapshot)
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        assert migrations.schema_version(vault.conn) == migrations.latest_version()
        migrated = schema_shape(vault.conn)
    assert differences(migrated, _fresh_shape(tmp_path)) == []


def test_a_field_added_to_a_spec_without_a_migration_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newest = SNAPSHOTS[-1]
    data_dir = _vault_at(tmp_path, newest)
    family = records.spec_for("family")
    grown = dataclasses.replace(
        family, fields=(*family.fields, FieldSpec("school_name", FieldType.TEXT))
    )
    monkeypatch.setattr(
        record_tables, "ALL", tuple(grown if s is family else s for s in record_tables.ALL)
    )
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        migrated = schema_shape(vault.conn)
    found = differences(migrated, _fresh_shape(tmp_path))
    assert any("table families" in line for line in found), found
