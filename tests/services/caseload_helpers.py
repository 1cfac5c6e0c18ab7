"""Helpers for the area-service tests: a caseload with a fixed 'today', lead vaults, families."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.context import ServiceContext
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

TODAY = date(2025, 3, 15)


def caseload_on(vault: Vault, today: date = TODAY) -> Caseload:
    """A caseload whose `today()` is fixed (and `now()` is noon of that day, UTC)."""
    ctx = ServiceContext.open(vault)
    ctx.today = lambda: today
    ctx.now = lambda: datetime.combine(today, time(12, 0), tzinfo=UTC)
    return Caseload(vault, ctx)


def create_lead_vault(root: Path, name: str = "Dana Lead") -> Vault:
    """A fresh, unlocked lead vault in `root`."""
    vault, _recovery = Vault.create(
        root, PASSPHRASE, owner_name=name, role="lead", kdf_target_seconds=0
    )
    return vault


def new_family(caseload: Caseload, name: str = "Adeyemi family") -> str:
    """The id of a new family."""
    return caseload.families.create({"name": name}).id
