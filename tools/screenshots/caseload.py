"""Screenshots of the Today, Caseload and search screens."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSize

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.ui.caseload.caseload_view import CaseloadView, build_caseload_section
from liaison_desktop.ui.caseload.search_popup import SearchPopup
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.section_views import SessionServices
from liaison_desktop.ui.today.today_view import TodayView, build_today_section

from .session import OWNER, close, new_caseload, save, settle


def caseload_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """Today (a lead's, with an urgent concern and an overdue visit), the list, search, a family."""
    caseload = new_caseload(root / "today")
    populate_demo(caseload, families=40, seed=4)
    families = caseload.families.all()
    caseload.concerns.raise_concern(
        families[3].id, "Child said there was no food at home at the weekend.", urgency="urgent"
    )
    visit = caseload.visits.plan(families[5].id, date.today(), purpose="Welcome visit").id
    caseload.visits.check_in(visit, datetime.now().astimezone() - timedelta(minutes=20))
    window = MainWindow(OWNER, "lead")
    services = SessionServices.for_window(caseload, SettingsService(root), root, window)
    caseload_view = build_caseload_section(services)
    today = build_today_section(services)
    assert isinstance(caseload_view, CaseloadView) and isinstance(today, TodayView)
    window.set_view("caseload", caseload_view)
    window.set_view("today", today)
    written: list[Path] = []

    window.show_section("today")
    window.resize(size)
    window.show()
    settle(lambda: today.snapshot is not None)
    path = outdir / f"today{suffix}.png"
    save(window, size, path)
    written.append(path)

    window.show_section("caseload")
    settle(lambda: caseload_view.model.rowCount() > 0 and not caseload_view.loading)
    path = outdir / f"caseload{suffix}.png"
    save(window, size, path)
    written.append(path)

    popup = caseload_view.search_popup
    assert isinstance(popup, SearchPopup)
    popup.start()
    popup.query_edit.setText("food")
    popup.run_search()
    save(window, size, outdir / f"search-behind{suffix}.png")  # lays out the window first
    (outdir / f"search-behind{suffix}.png").unlink()
    path = outdir / f"search{suffix}.png"
    save(popup, popup.sizeHint().boundedTo(size), path)
    written.append(path)
    popup.hide()

    caseload_view.open_family(families[0].id)
    path = outdir / f"caseload-family{suffix}.png"
    save(window, size, path)
    written.append(path)

    close(window, caseload)
    return written
