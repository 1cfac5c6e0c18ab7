"""Screenshots of the engagement screens: the Activities door
checklist with marks, the community asset map, a family's Engagement tab and the lead's
engagement summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.ui.activities.activities_view import ActivitiesView
from liaison_desktop.ui.directory.directory_view import DirectoryView
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.qt_dates import qdate
from liaison_desktop.ui.reports.reports_view import ReportsView
from liaison_desktop.ui.section_views import SessionServices

from .session import OWNER, close, new_caseload, save, settle


def _busiest_session(caseload: Caseload) -> tuple[str, date] | None:
    """The activity and day of the demo session with the most families on its register."""
    best: tuple[int, str, date] | None = None
    for activity in caseload.activities.all():
        for session in caseload.activities.sessions_of(activity.id):
            register = caseload.activities.register(session.id)
            marked = sum(1 for r in register.rows if r.mark is not None)
            if marked and (best is None or (len(register.rows), marked) > (best[0], 0)):
                best = (len(register.rows), activity.id, date.fromisoformat(str(session["date"])))
    return (best[1], best[2]) if best else None


def engagement_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """Activities at the door, the asset map, a family's engagement and the lead's summary."""
    caseload = new_caseload(root / "engagement")
    populate_demo(caseload, families=16, seed=11)
    window = MainWindow(OWNER, "lead")
    written: list[Path] = []

    activities = ActivitiesView(caseload, window)
    window.set_view("activities", activities)
    window.show_section("activities")
    busiest = _busiest_session(caseload)
    if busiest is not None:
        activity_id, day = busiest
        activities.select_activity(activity_id)
        activities.date_edit.setDate(qdate(day))
        rows = activities.checklist_model.rows()
        if rows:  # a family chosen, as after typing part of its name
            activities.checklist.setCurrentIndex(activities.checklist_proxy.index(0, 0))
    path = outdir / f"activities{suffix}.png"
    save(window, size, path)
    written.append(path)

    directory = DirectoryView(caseload, window)
    window.set_view("directory", directory)
    window.show_section("directory")
    directory.views.setCurrentWidget(directory.asset_map)
    settle(lambda: directory.asset_map.asset_map is not None)
    path = outdir / f"asset-map{suffix}.png"
    save(window, size, path)
    written.append(path)

    engaged = max(
        caseload.families.all(),
        key=lambda f: len(caseload.engagement.for_family(f.id).activities),
    )
    services = SessionServices.for_window(caseload, SettingsService(root), root, window)
    page = FamilyPage(services, engaged.id)
    window.set_view("caseload", page)
    window.show_section("caseload")
    page.tabs.setCurrentWidget(page.engagement)
    path = outdir / f"family-engagement{suffix}.png"
    save(window, size, path)
    written.append(path)

    reports = ReportsView(caseload, window)
    window.set_view("reports", reports)
    window.show_section("reports")
    summary = reports.engagement
    assert summary is not None
    reports.tabs.setCurrentWidget(summary)
    settle(lambda: summary.summary is not None)
    path = outdir / f"engagement-summary{suffix}.png"
    save(window, size, path)
    written.append(path)

    close(window, caseload)
    return written
