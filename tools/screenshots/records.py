"""Screenshots of the lead's Records section and the close-case dialog (issue 10).

Three fictional cases written in 2012–2014 and closed in 2015, so their records are past the
six years; one is on legal hold.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from PySide6.QtCore import QSize

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.context import ServiceContext
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.ui.family.closure_dialog import CloseCaseDialog
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.records.records_view import RecordsView
from liaison_desktop.ui.section_views import SessionServices

from .session import OWNER, close, dialog_size, new_caseload, save, settle

CLOSED_ON = date(2015, 7, 20)


def _on(caseload: Caseload, day: date) -> Caseload:
    ctx = ServiceContext.open(caseload.vault)
    ctx.today = lambda: day
    ctx.now = lambda: datetime.combine(day, time(12, 0), tzinfo=UTC)
    return Caseload(caseload.vault, ctx)


def _old_case(caseload: Caseload, name: str, born: str, year: int) -> str:
    family = caseload.families.create({"name": name, "postcode": "DE1 1AA"}).id
    pupil = caseload.people.create(
        {"family_id": family, "given_name": "Sam", "role": "pupil", "date_of_birth": born}
    ).id
    for month in (3, 6, 10):
        caseload.notes.create(
            {
                "family_id": family,
                "written_at": f"{year}-{month:02d}-14T10:00:00",
                "author": OWNER,
                "text": "Fictional visit note for the screenshot.",
                "status": "final",
            }
        )
    caseload.concerns.create(
        {
            "family_id": family,
            "person_id": pupil,
            "source": "other",
            "raised_at": f"{year}-05-02T09:00:00",
            "raised_by": OWNER,
            "observed": "Fictional concern for the screenshot.",
            "urgency": "routine",
        }
    )
    _on(caseload, CLOSED_ON).closures.close(family, reason="Support finished", outcome="needs_met")
    return family


def records_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The review queue with a record chosen, the schedule, and the close-case dialog."""
    caseload = new_caseload(root / "records")
    _old_case(caseload, "Example-Brown family", "1999-02-01", 2012)
    held = _old_case(caseload, "Sample-Green family", "2008-09-12", 2013)
    _old_case(caseload, "Demo-White family", "2006-04-30", 2014)
    caseload.holds.place(held, reason="Local authority review (fictional reference LA-0001)")
    open_family = caseload.families.create(
        {"name": "Example-Grey family", "strengths": "Grandparents help every morning."}
    ).id

    window = MainWindow(OWNER, "lead")
    services = SessionServices.for_window(caseload, SettingsService(root), root, window)
    view = RecordsView(caseload)
    window.set_view("records", view)
    window.show_section("records")
    window.resize(size)
    window.show()
    settle(lambda: view.queue.model.rowCount() > 0 and not view.queue.busy_now)
    first = view.queue.model.cases()[0]
    view.queue.select(first.family_id, first.items[0].record_id)
    written: list[Path] = []
    path = outdir / f"records-review-queue{suffix}.png"
    save(window, size, path)
    written.append(path)

    view.tabs.setCurrentWidget(view.schedule)
    view.schedule.select_kind("concern")
    path = outdir / f"records-schedule{suffix}.png"
    save(window, size, path)
    written.append(path)

    # The data protection officer's access report (issue 23): the views the shots above made.
    caseload.families.view(open_family)  # someone opened a family today
    view.tabs.setCurrentWidget(view.access)
    view.access.refresh()
    settle(lambda: view.access.model.rowCount() > 0)
    path = outdir / f"records-access-report{suffix}.png"
    save(window, size, path)
    written.append(path)

    page = FamilyPage(services, open_family)
    window.set_view("caseload", page)
    window.show_section("caseload")
    save(window, size, outdir / f"close-behind{suffix}.png")  # lays out the window first
    # The family's Access log (issue 23): who opened it and when.
    page.tabs.setCurrentWidget(page.access)
    settle(lambda: page.access.model.rowCount() > 0)
    path = outdir / f"family-access-log{suffix}.png"
    save(window, size, path)
    written.append(path)
    (outdir / f"close-behind{suffix}.png").unlink()
    dialog = CloseCaseDialog(caseload.closures, open_family, "Example-Grey family", page)
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findData("stepped_down"))
    dialog.reason_edit.setPlainText(
        "Attendance above 95% for a whole term; the family now goes to the Saturday food club."
    )
    path = outdir / f"family-close-case{suffix}.png"
    save(dialog, dialog_size(dialog, size), path)
    written.append(path)
    dialog.done(0)

    close(window, caseload)
    return written
