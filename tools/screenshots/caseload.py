"""Screenshots of the Today, Caseload and search screens."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.domain.fields import upn_check_letter
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.ui.caseload.caseload_view import CaseloadView, build_caseload_section
from liaison_desktop.ui.caseload.pupil_import_dialog import PupilImportDialog
from liaison_desktop.ui.caseload.search_popup import SearchPopup
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.section_views import SessionServices
from liaison_desktop.ui.today.today_view import TodayView, build_today_section

from .session import OWNER, close, dialog_size, new_caseload, save, settle


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

    path = outdir / f"pupil-import{suffix}.png"
    dialog = _pupil_import(caseload, caseload_view, root)
    save(dialog, dialog_size(dialog, size), path)
    dialog.close()
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


def _pupil_import(caseload: Caseload, view: CaseloadView, root: Path) -> QWidget:
    """The pupil-list preview: two pupils already here (one moved up a year), siblings new."""
    known = [p for p in caseload.ctx.store.query("person", "role = 'pupil'") if p.get("upn")][:2]
    rows = ["UPN,Last name,First name,Date of birth,Year,Address line 1,Postcode"]
    for n, person in enumerate(known):
        year = int(person.get("year_group") or 0) + n
        rows.append(
            f"{person['upn']},{person['family_name']},{person['given_name']},"
            f"{person['date_of_birth']},{year},,"
        )
    for body, name, born in (
        ("801200009001", "Kowalska,Zofia", "2016-05-02"),
        ("801200009002", "Kowalski,Jan", "2019-01-11"),
    ):
        rows.append(f"{upn_check_letter(body)}{body},{name},{born},2,5 Mill Lane,CF24 2BB")
    path = root / "spring-pupils.csv"
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    view.start_import()
    dialog = view.import_dialog
    assert isinstance(dialog, PupilImportDialog)
    dialog.load(path)
    settle(lambda: dialog.plan is not None)
    return dialog
