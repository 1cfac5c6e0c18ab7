"""A small fictional caseload for the information-sharing tests, and ways to read it back."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf

from liaison_desktop.domain.record import Record
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

TODAY = date(2025, 11, 12)
NOW = datetime(2025, 11, 12, 14, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Family:
    """Ids of one fictional family."""

    family_id: str
    pupil_id: str
    carer_id: str


def caseload(vault: Vault) -> Caseload:
    """The services of a vault with today fixed."""
    c = Caseload(vault)
    c.ctx.today = lambda: TODAY
    c.ctx.now = lambda: NOW
    return c


def lead_vault(root: Path, name: str = "Dana Lead") -> Vault:
    """A fresh, unlocked safeguarding lead's vault."""
    vault, _recovery = Vault.create(
        root, PASSPHRASE, owner_name=name, role="lead", kdf_target_seconds=0
    )
    return vault


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


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF, as pypdf reads it."""
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
