"""Views follow the vault's change events instead of being refreshed by hand (issue 17 part 3)."""

from __future__ import annotations

import threading
from datetime import date

from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.context import ServiceContext
from tests.ui.family_fixtures import (
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)

__all__ = ["caseload_fixture", "family_id_fixture", "make_page_fixture"]


def test_a_write_elsewhere_reaches_the_built_tabs_that_show_it(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    chronology = page.chronology  # built, but not the tab in use
    notes = page.notes
    page.tabs.setCurrentWidget(page.overview)
    before = len(chronology.model.rows())

    visit = caseload.visits.plan(family_id, date(2026, 12, 10), purpose="Uniform fitting")

    assert len(chronology.model.rows()) == before + 1
    assert visit.id in {row.record.id for row in notes.model.rows()}


def test_a_write_to_another_family_leaves_the_page_alone(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    chronology = page.chronology
    reads: list[int] = []
    original = chronology.refresh
    chronology.refresh = lambda: (reads.append(1), original())[1]  # type: ignore[method-assign]

    other = caseload.families.create({"name": "Another household"}).id
    caseload.visits.plan(other, date(2026, 12, 10))

    assert reads == []


def test_a_background_write_refreshes_even_the_tab_in_use(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    notes = page.notes
    page.tabs.setCurrentWidget(notes)
    planned: list[str] = []

    def sync_like_write() -> None:  # what a sync does: write on a worker connection
        worker = caseload.vault.open_worker()
        try:
            ctx = ServiceContext.open(worker)
            planned.append(Caseload(worker, ctx).visits.plan(family_id, date(2026, 12, 11)).id)
        finally:
            worker.close()

    thread = threading.Thread(target=sync_like_write)
    thread.start()
    thread.join()
    qtbot.waitUntil(
        lambda: planned[0] in {row.record.id for row in notes.model.rows()}, timeout=2000
    )


def test_a_draft_saved_as_the_vault_locks_refreshes_nothing(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    chronology = page.chronology
    reads: list[int] = []
    chronology.refresh = lambda: reads.append(1)  # type: ignore[method-assign]
    window = page.window()
    window.about_to_lock.emit()  # type: ignore[attr-defined]

    caseload.visits.plan(family_id, date(2026, 12, 12))

    assert reads == []
