"""Opening a family page with 200 notes, and showing each of its tabs for the first time.

`open_p95` is the p95 time from calling the `FamilyPage` constructor (which audits the view and
builds the Overview; every other tab is built when first shown) to the page being shown inside
a main window, offscreen. Its baseline, measured in the same run and taking turns with it,
reads the same records the opening page reads through the same services with no widgets.
`tab_first_show_p95` is the p95, over every tab of every page opened, of selecting a tab not
shown before until it is visible (building it and reading its records). `all_tabs_p95` is
opening the page and showing every tab, beside reading every tab's records without widgets —
what a page built all at once used to cost. Run alone with `python -m bench --only family_page`.
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
    "open: the records the opening page reads (family view, people, warnings, attendance, case "
    "status) through the same services with no widgets; all tabs: every tab's records likewise; "
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


def read_on_open(c: Caseload, family_id: str) -> None:
    """What the opening page reads (heading, case status, Overview), with no widgets."""
    c.families.view(family_id)
    c.people.members(family_id)
    c.people.members(family_id)  # the Overview and the heading's count each read them
    c.referrals.warnings_for(family_id)
    c.attendance.figures_for_family(family_id)
    c.closures.status(family_id)
    c.holds.active(family_id)


def read_every_tab(c: Caseload, family_id: str) -> None:
    """What every tab of the page reads, through the services, with no widgets."""
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
    c.closures.status(family_id)
    c.holds.active(family_id)
    _ = members


def run(config: Config) -> list[Result]:
    """Time opening the page against reading its data, taking turns."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
    from PySide6.QtWidgets import QApplication

    from liaison_desktop.ui.family.family_page import FamilyPage
    from liaison_desktop.ui.main_window import MainWindow
    from liaison_desktop.ui.section_views import SessionServices

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["bench"])  # noqa: F841 — must exist for the widgets
    # An event loop object's processEvents, not the static one, which in PySide6 6.12 on
    # Python 3.11 drops a reference to None on each call (see docs/decisions.md).
    events = QEventLoop()
    notes = QUICK_NOTES if config.quick else FULL_NOTES
    opens = QUICK_OPENS if config.quick else OPENS
    data_dir = config.work_dir / "family-page-vault"
    vault, caseload, family_id = build_vault(data_dir, notes)
    caseload.ctx.today = lambda: TODAY
    window = MainWindow("Bench Officer", "officer")
    window.resize(1366, 768)
    window.show()
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    per_round = max(1, opens // ROUNDS)
    tab_times: dict[str, list[float]] = {}

    def open_page() -> tuple[float, FamilyPage]:
        start = time.perf_counter()
        page = FamilyPage(services, family_id)
        window.set_view("caseload", page)
        window.show_section("caseload")
        events.processEvents()
        while not page.isVisible():
            events.processEvents()
        return time.perf_counter() - start, page

    def show_every_tab(page: FamilyPage) -> float:
        """Select each tab in turn, first time for each; returns the seconds in all."""
        total = 0.0
        for index in range(1, page.tabs.count()):
            name = page.tabs.tabText(index).replace("&", "")
            start = time.perf_counter()
            page.tabs.setCurrentIndex(index)
            tab = page.tabs.currentWidget()
            events.processEvents()
            while not tab.isVisible():
                events.processEvents()
            elapsed = time.perf_counter() - start
            tab_times.setdefault(name, []).append(elapsed)
            total += elapsed
        return total

    samples: dict[str, list[float]] = {"open": [], "all": []}

    def measure(subject: str) -> list[float]:
        taken: list[float] = []
        for _i in range(per_round):
            if subject == "page":
                opened, page = open_page()
                samples["open"].append(opened)
                samples["all"].append(opened + show_every_tab(page))
            elif subject == "read_open":
                start = time.perf_counter()
                read_on_open(caseload, family_id)
                taken.append(time.perf_counter() - start)
            else:
                start = time.perf_counter()
                read_every_tab(caseload, family_id)
                taken.append(time.perf_counter() - start)
        # Let the replaced pages go, as they would between opens in the app.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return taken

    try:
        show_every_tab(open_page()[1])  # warm-up: imports, first layout, fonts
        tab_times.clear()
        read_on_open(caseload, family_id)
        read_every_tab(caseload, family_id)
        reads = interleaved(["page", "read_open", "read_all"], measure, rounds=ROUNDS)
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        vault.close()
    every_tab = [t for times in tab_times.values() for t in times]
    slowest = max(tab_times, key=lambda name: percentile(tab_times[name], 50))
    size = f"{notes} notes, {len(samples['open'])} opens"
    return [
        Result(
            benchmark=NAME,
            name="open_p95",
            unit="s",
            figure=percentile(samples["open"], 95),
            baseline=percentile(reads["read_open"], 95),
            size=size,
            aim_range=(0.0, AIM_SECONDS),
            note="p95; Overview built, other tabs on first show; baseline = its reads alone",
        ),
        Result(
            benchmark=NAME,
            name="tab_first_show_p95",
            unit="s",
            figure=percentile(every_tab, 95),
            size=f"{len(tab_times)} tabs × {len(samples['open'])} pages",
            aim_range=(0.0, AIM_SECONDS),
            note=f"p95 of selecting a tab until shown, first time; slowest: {slowest} "
            f"(median {percentile(tab_times[slowest], 50) * 1000:.0f} ms)",
        ),
        Result(
            benchmark=NAME,
            name="all_tabs_p95",
            unit="s",
            figure=percentile(samples["all"], 95),
            baseline=percentile(reads["read_all"], 95),
            size=size,
            note="open, then show every tab once; baseline = every tab's reads alone",
        ),
    ]
