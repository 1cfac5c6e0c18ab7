"""Building cases for records-management tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import caseload_on


@dataclass(frozen=True)
class Case:
    """A family with a pupil, a note and a concern."""

    family_id: str
    pupil_id: str
    note_id: str
    concern_id: str


def make_case(
    caseload: Caseload,
    *,
    note_text: str = "Talked about the food bank.",
    concern_text: str = "Bruise on the left arm, explained as a fall.",
    pupil_born: str | None = "2004-05-01",
) -> Case:
    """A family written on 2009-09-01 (the caseload's own 'today' is left alone)."""
    family = caseload.families.create({"name": "Okafor family"}).id
    pupil = caseload.people.create(
        {"family_id": family, "given_name": "Ada", "role": "pupil", "date_of_birth": pupil_born}
    ).id
    note = caseload.notes.create(
        {
            "family_id": family,
            "written_at": "2009-09-01T10:00:00",
            "author": "Sam Officer",
            "text": note_text,
            "status": "draft",
        }
    ).id
    concern = caseload.concerns.create(
        {
            "family_id": family,
            "person_id": pupil,
            "source": "other",
            "raised_at": "2009-09-01T11:00:00",
            "raised_by": "Sam Officer",
            "observed": concern_text,
            "urgency": "routine",
        }
    ).id
    return Case(family, pupil, note, concern)


def close_long_ago(caseload: Caseload, family_id: str, on: date) -> None:
    """Close the case on `on` (as it was done that day)."""
    then = caseload_on(caseload.vault, today=on)
    then.closures.close(family_id, reason="Support finished", outcome="needs_met")


def snapshot_vault(vault: Vault) -> str:
    """A digest of every row of every table of an open vault: equal means unchanged."""
    digest = hashlib.sha256()
    tables = [
        r[0]
        for r in vault.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    for table in tables:
        digest.update(table.encode())
        for row in vault.conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
