"""A vault holding some families already, closed so the CLI can open it; and its state."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from liaison_desktop.interchange.json_export import vault_document
from liaison_desktop.interchange.json_import import import_document
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

BASELINE: dict[str, Any] = {
    "format": "liaison-desktop/1",
    "contacts": [
        {"id": "c1", "organisation": "Canolfan Bwyd", "kind": "food_bank", "layer": 3},
    ],
    "families": [
        {
            "id": "f1",
            "name": "Wiśniewska family",
            "postcode": "CF10 1AA",
            "members": [
                {"id": "p1", "given_name": "Zofia", "family_name": "Wiśniewska", "role": "carer"},
                {
                    "id": "p2",
                    "given_name": "Łukasz",
                    "family_name": "Wiśniewski",
                    "role": "pupil",
                    "date_of_birth": "2016-05-04",
                    "year_group": 3,
                },
            ],
            "visits": [{"id": "v1", "date": "2024-02-01", "status": "completed"}],
            "notes": [
                {
                    "id": "n1",
                    "visit_id": "v1",
                    "written_at": "2024-02-01T10:00:00",
                    "author": "Test Officer",
                    "text": "Home visit; Zofia well.",
                    "status": "final",
                }
            ],
        }
    ],
}


def baseline() -> dict[str, Any]:
    """A fresh copy of the document the vault starts with."""
    return copy.deepcopy(BASELINE)


@pytest.fixture
def filled_vault(data_dir: Path) -> Path:
    """The data folder of a closed vault holding BASELINE."""
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Test Officer", role="officer", kdf_target_seconds=0
    )
    try:
        import_document(Caseload(vault), baseline())
    finally:
        vault.close()
    return data_dir


def vault_state(data_dir: Path) -> dict[str, Any]:
    """Everything an import could change: every table's rows (tombstones too), ops, audit."""
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        conn = vault.conn
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        last_audit = conn.execute("SELECT * FROM audit ORDER BY rowid DESC LIMIT 1").fetchone()
        return {
            "counts": counts,
            "last_audit": tuple(last_audit) if last_audit else None,
            "document": vault_document(Caseload(vault)),
        }
    finally:
        vault.close()
