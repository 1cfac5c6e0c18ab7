"""A small fictional caseload for the information-sharing tests, and ways to read it back.

The caseload itself (today fixed at 2025-11-12 14:30) is `tests.reports.report_helpers.caseload`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from liaison_desktop.domain.record import Record
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault


@dataclass(frozen=True)
class Family:
    """Ids of one fictional family."""

    family_id: str
    pupil_id: str
    carer_id: str


def make_family(c: Caseload, name: str = "Okafor family", *, consent: str | None = None) -> Family:
    """A family with a carer and a pupil; `consent` 'given' or 'withdrawn' records one."""
    family_id = c.families.create({"name": name, "postcode": "DM1 1AA"}).id
    carer = c.people.create(
        {"family_id": family_id, "given_name": "Ada", "family_name": "Okafor", "role": "carer"}
    )
    pupil = c.people.create(
        {
            "family_id": family_id,
            "given_name": "Tobi",
            "family_name": "Okafor",
            "role": "pupil",
            "date_of_birth": "2014-05-02",
        }
    )
    if consent is not None:
        record = c.consents.give(
            family_id, "Sharing with the early help team", "Ada Okafor", on=date(2025, 1, 1)
        )
        if consent == "withdrawn":
            c.consents.withdraw(record.id, on=date(2025, 6, 1))
    return Family(family_id, pupil.id, carer.id)


def entries(c: Caseload, family_id: str) -> list[Record]:
    """A family's sharing record, newest first."""
    return c.sharing.history(family_id)


def all_entries(vault: Vault) -> int:
    """How many sharing entries the vault holds (deleted ones too)."""
    return int(vault.conn.execute("SELECT COUNT(*) FROM sharing_records").fetchone()[0])
