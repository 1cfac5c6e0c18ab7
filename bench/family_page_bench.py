"""Opening a family page with 200 notes: construct `FamilyPage` and process events until shown.

The figure is the p95 time from calling the constructor (which audits the view and reads every
tab's records through the services) to the page being shown inside a main window, offscreen.
The baseline, measured in the same run and taking turns with it, reads exactly the same data
through the same services with no widgets at all, so the ratio shows what the widgets cost on
top of the reads. Run alone with `python -m bench --only family_page`.
"""

from __future__ import annotations

import os
import time
from datetime import date, timedelta
from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault

from .common import Config, Result, interleaved, percentile

NAME = "family_page"
BASELINE = (
    "the same records read through the same services with no widgets (family view, people, "
    "visits, notes, concerns, referrals and vouchers, team, chronology, consents, attendance), "
    "taking turns"
)
FULL_NOTES = 200
QUICK_NOTES = 40
OPENS = 30
QUICK_OPENS = 6
ROUNDS = 3
AIM_SECONDS = 0.100  # Desktop UI issue, acceptance 3
PASSPHRASE = "benchmark passphrase for fictional data only"
TODAY = date(2025, 11, 12)


def build_vault(data_dir: Path, notes: int) -> tuple[Vault, Caseload, str]:
    """A vault with one fictional family holding `notes` notes and some of everything else."""
    os.environ.setdefault("LIAISON_KDF_SECONDS", "0")
    data_dir.mkdir()
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Bench Officer", role="officer", kdf_target_seconds=0
    )
    c = Caseload(vault)
    with vault.transaction():
        family = c.families.create(
            {"name": "Bench family (demo)", "strengths": "Fictional family for the benchmark."}
        )
        pupils = [
            c.people.create({"family_id": family.id, "given_name": f"Pupil {i}", "role": "pupil"})
            for i in range(3)
        ]
        c.people.create({"family_id": family.id, "given_name": "Carer", "role": "carer"})
        for i in range(notes):
            text = f"Fictional note {i}.\nWhat is going well: reading every evening.\n" * 3
            c.notes.write(family.id, text, template="home_visit", final=i % 5 != 0)
        for i in range(20):
            c.visits.plan(family.id, TODAY - timedelta(days=7 * i), purpose=f"Visit {i}")
        bank = c.directory.create(
            {"organisation": "Bench food bank", "kind": "food_bank", "layer": 3}
        )
        for _i in range(4):
            c.referrals.add(family.id, "food_bank", organisation_id=bank.id, vouchers=1)
        c.directory.link(family.id, bank.id, "Food support")
        for pupil in pupils:
            c.attendance.record(pupil.id, "2025 autumn", 100, 88)
        c.consents.give(family.id, "Share with school nurse", "Carer")
    return vault, c, family.id


def read_only(c: Caseload, family_id: str) -> None:
    """What the page reads, through the services, with no widgets."""
    c.families.view(family_id)
    members = c.people.members(family_id)
    c.referrals.warnings_for(family_id)
    c.attendance.figures_for_family(family_id)
    c.visits.for_family(family_id)
    c.notes.for_family(family_id)
    c.visits.overdue()
    c.concerns.for_family(family_id)
    c.directory.all()
    c.referrals.for_family(family_id)
    c.referrals.vouchers_history(family_id)
    c.referrals.vouchers_in_window(family_id)
    c.directory.team(family_id)
    c.chronology.for_family(family_id)
    c.consents.for_family_with_state(family_id)
    _ = members


def run(config: Config) -> list[Result]:
    """Time opening the page against reading its data, taking turns."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from liaison_desktop.ui.family.family_page import FamilyPage
    from liaison_desktop.ui.main_window import MainWindow
    from liaison_desktop.ui.section_views import SessionServices

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["bench"])
    notes = QUICK_NOTES if config.quick else FULL_NOTES
    opens = QUICK_OPENS if config.quick else OPENS
    data_dir = config.work_dir / "family-page-vault"
    vault, caseload, family_id = build_vault(data_dir, notes)
    caseload.ctx.today = lambda: TODAY
    window = MainWindow("Bench Officer", "officer")
    window.resize(1366, 768)
    window.show()
    services = SessionServices(caseload, SettingsService(data_dir), data_dir, window)
    per_round = max(1, opens // ROUNDS)

    def open_page() -> float:
        start = time.perf_counter()
        page = FamilyPage(services, family_id)
        window.set_view("caseload", page)
        window.show_section("caseload")
        app.processEvents()
        while not page.isVisible():
            app.processEvents()
        elapsed = time.perf_counter() - start
        return elapsed

    def measure(subject: str) -> list[float]:
        samples: list[float] = []
        for _i in range(per_round):
            if subject == "page":
                samples.append(open_page())
            else:
                start = time.perf_counter()
                read_only(caseload, family_id)
                samples.append(time.perf_counter() - start)
        # Let the replaced pages go, as they would between opens in the app.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return samples

    try:
        open_page()  # warm-up: imports, first layout, fonts
        read_only(caseload, family_id)
        samples = interleaved(["page", "read"], measure, rounds=ROUNDS)
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        vault.close()
    return [
        Result(
            benchmark=NAME,
            name="open_p95",
            unit="s",
            figure=percentile(samples["page"], 95),
            baseline=percentile(samples["read"], 95),
            size=f"{notes} notes, {len(samples['page'])} opens",
            aim_range=(0.0, AIM_SECONDS),
            note="p95; baseline = the same reads without widgets",
        )
    ]
