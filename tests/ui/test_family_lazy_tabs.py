"""The family page builds only its Overview on opening; other tabs build when first shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.family.chronology_tab import ChronologyTab
from liaison_desktop.ui.family.notes_tab import NotesTab

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)

TABS = (
    "people", "notes", "concerns", "actions_tab", "plan", "referrals", "team", "ecomap",
    "chronology", "consents", "attendance", "outcomes", "sharing", "engagement", "attachments",
    "access",
)  # fmt: skip


def test_opening_builds_only_the_overview_and_keeps_every_tab_and_mnemonic(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    assert not any(page.tabs.is_built(name) for name in TABS)
    assert not page.findChildren(NotesTab)  # no table of notes exists until it is wanted
    assert not page.findChildren(ChronologyTab)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[:3] == ["Overview", "People", "Visits and notes"]
    assert len(titles) == 1 + len(TABS)
    # No Alt+letter on a tab (the forms in them use the letters): Alt+1 … Alt+9 instead.
    assert not any("&" in title for title in titles)
    assert page.tabs.tabToolTip(2) == "Visits and notes (Alt+3)"
    assert page.subtitle.text().startswith("1 people")  # counted without the People tab


def test_selecting_a_tab_builds_it_once_and_shows_the_real_tab(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    caseload.notes.write(family_id, "Walked to school together.", template="home_visit")
    page = make_page(family_id)
    page.window().activateWindow()
    page.overview.name_edit.setFocus()
    qtbot.waitUntil(page.overview.name_edit.hasFocus)
    qtbot.keyClick(page.overview.name_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.is_built("notes")
    notes = page.tabs.currentWidget()
    assert isinstance(notes, NotesTab)
    assert notes is page.notes
    qtbot.waitUntil(notes.isVisible)
    assert any("Walked to school" in str(e.record.get("text")) for e in notes.model.rows())
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentWidget(notes)
    assert page.notes is notes  # built once
    assert len(page.findChildren(NotesTab)) == 1
    assert not page.tabs.is_built("chronology")  # passing over a tab does not build it


def test_reading_a_tab_attribute_builds_it_hidden_and_later_changes_reach_it(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    chronology = page.chronology
    assert page.tabs.is_built("chronology")
    assert not chronology.isVisible()
    assert page.tabs.indexOf(chronology) == 9
    before = chronology.model.rowCount()
    caseload.notes.write(family_id, "Phoned about the uniform grant.", template="phone_call")
    page.notes.changed.emit()  # what the Notes tab does after a save
    assert chronology.model.rowCount() == before + 1
    page.tabs.setCurrentWidget(chronology)
    qtbot.waitUntil(chronology.isVisible)
    assert page.tabs.currentIndex() == 9


def test_opening_a_family_puts_the_focus_in_its_page_so_tab_keys_work_at_once(
    qtbot: QtBot, caseload: Caseload, family_id: str, data_dir: Path
) -> None:
    from PySide6.QtWidgets import QApplication, QTabBar

    from liaison_desktop.ui.family.family_page import FamilyPage

    from .ui_helpers import OP_TIMEOUT_MS, caseload_section

    view = caseload_section(qtbot, caseload, data_dir)
    qtbot.waitUntil(lambda: view.model.row_of(family_id) >= 0, timeout=OP_TIMEOUT_MS)
    view.table.setFocus()
    view.select_family(family_id)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # open it with the keyboard
    assert view.open_family_id == family_id
    assert isinstance(QApplication.focusWidget(), QTabBar)
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert view.family_frame is not None
    page = view.family_frame.page
    assert isinstance(page, FamilyPage)
    assert page.tabs.currentIndex() == 1  # People
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.notes
