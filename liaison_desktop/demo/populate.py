"""Filling a vault with synthetic, clearly fictional families (`liaison demo`, the GUI's --demo).

Every record goes through its area's service, so demo data is validated, written as
operations, audited and indexed exactly like an officer's own. Families are written in
batches, one transaction per batch: a batch is all or nothing, progress is reported between
batches, and cancelling keeps the batches already written (each is a complete set of families).
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..services.attendance_service import attendance_id
from ..services.caseload import Caseload
from ..services.record_service import RecordService
from ..services.vault_service import kdf_target_seconds
from ..store.vault import Vault
from .directory import MARK
from .generator import DemoGenerator
from .setting import DEMO_OWNER, DemoRecord, DirectoryEntry, entries_from_contacts

# (families written so far, families asked for)
Progress = Callable[[int, int], None]
DEFAULT_BATCH = 200


@dataclass
class DemoSummary:
    """What `populate_demo` wrote."""

    families: int = 0
    contacts_created: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    cancelled: bool = False

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def _services(caseload: Caseload) -> dict[str, RecordService]:
    return {
        "family": caseload.families,
        "person": caseload.people,
        "visit": caseload.visits,
        "note": caseload.notes,
        "referral": caseload.referrals,
        "contact": caseload.directory,
        "case_link": caseload.case_links,
        "action": caseload.actions,
        "consent": caseload.consents,
        "attendance": caseload.attendance,
        "concern": caseload.concerns,
        "activity": caseload.activities,
        "activity_session": caseload.activities.sessions,
        "invitation": caseload.activities.invitations,
        "activity_attendance": caseload.activities.marks,
        "volunteering": caseload.engagement.volunteering,
        "engagement_profile": caseload.engagement.profiles,
        "outcome_review": caseload.outcomes,
        "plan_goal": caseload.plan,
        "goal_review": caseload.plan.reviews,
    }


def _record_id(record: DemoRecord) -> str | None:
    # Some kinds have ids their service derives, so linking or importing twice finds them.
    if record.kind == "case_link":
        return None
    if record.kind == "attendance":
        return attendance_id(str(record.values["person_id"]), str(record.values["period"]))
    return record.id


def demo_directory(caseload: Caseload) -> list[DirectoryEntry]:
    """The demo contacts already in the vault (empty when it has none)."""
    rows = [
        {"id": c.id, **c.data}
        for c in caseload.directory.all()
        if str(c.get("organisation") or "").endswith(MARK)
    ]
    return entries_from_contacts(rows)


class _Writer:
    """Creates generated records through their services and counts them."""

    def __init__(self, caseload: Caseload, summary: DemoSummary) -> None:
        self.services = _services(caseload)
        self.summary = summary

    def write(self, records: list[DemoRecord]) -> None:
        for record in records:
            self.services[record.kind].create(dict(record.values), record_id=_record_id(record))
            self.summary.counts[record.kind] += 1


def populate_demo(
    caseload: Caseload,
    *,
    families: int,
    seed: int = 1,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: date | None = None,
    batch_size: int = DEFAULT_BATCH,
) -> DemoSummary:
    """Add `families` fictional households (and the demo directory if it is missing)."""
    started = time.perf_counter()
    summary = DemoSummary()
    writer = _Writer(caseload, summary)
    generator = DemoGenerator(
        seed, today=today or caseload.ctx.today(), author=caseload.ctx.owner_name or DEMO_OWNER
    )
    vault = caseload.vault
    with vault.bulk_writes():
        directory = demo_directory(caseload)
        if not directory:
            contacts = generator.directory()
            with vault.transaction():
                writer.write(contacts)
            summary.contacts_created = len(contacts)
            directory = entries_from_contacts(contacts)

        activities = generator.activity_records()
        if activities and caseload.ctx.store.get("activity", activities[0].id) is None:
            with vault.transaction():
                writer.write(activities)

        # Numbering continues after the families already there, so a second run adds new ones.
        start = caseload.ctx.store.count("family")
        if progress:
            progress(0, families)
        while summary.families < families:
            if cancelled is not None and cancelled():
                summary.cancelled = True
                break
            size = min(batch_size, families - summary.families)
            with vault.transaction():
                for household in generator.families(
                    size, directory, start=start + summary.families
                ):
                    writer.write(household)
            summary.families += size
            if progress:
                progress(summary.families, families)
    summary.seconds = time.perf_counter() - started
    return summary


def create_demo_vault(
    data_dir: Path,
    *,
    families: int = 200,
    seed: int = 1,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Vault, str]:
    """A new throwaway lead's vault full of demo data, with the random passphrase that opens it."""
    passphrase = "demo-" + secrets.token_urlsafe(24)
    vault, _recovery = Vault.create(
        data_dir,
        passphrase,
        owner_name=DEMO_OWNER,
        role="lead",
        kdf_target_seconds=kdf_target_seconds(),
    )
    try:
        populate_demo(
            Caseload(vault), families=families, seed=seed, progress=progress, cancelled=cancelled
        )
    except BaseException:
        vault.close()
        raise
    return vault, passphrase
