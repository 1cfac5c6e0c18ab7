"""The family page builds only its Overview on opening; other tabs build when first shown."""

from __future__ import annotations

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
    "people", "notes", "concerns", "referrals", "team", "ecomap", "chronology", "consents",
    "attendance", "outcomes", "sharing", "engagement",
)  # fmt: skip


def test_opening_builds_only_the_overview_and_keeps_every_tab_and_mnemonic(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    assert not any(page.tabs.is_built(name) for name in TABS)
    assert not page.findChildren(NotesTab)  # no table of notes exists until it is wanted
    assert not page.findChildren(ChronologyTab)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[:3] == ["O&verview", "&People", "Visits and &notes"]
    assert len(titles) == 1 + len(TABS)
    assert all("&" in title for title in titles)  # each keeps its mnemonic
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
    assert page.tabs.indexOf(chronology) == 7
    before = chronology.model.rowCount()
    caseload.notes.write(family_id, "Phoned about the uniform grant.", template="phone_call")
    page.notes.changed.emit()  # what the Notes tab does after a save
    assert chronology.model.rowCount() == before + 1
    page.tabs.setCurrentWidget(chronology)
    qtbot.waitUntil(chronology.isVisible)
    assert page.tabs.currentIndex() == 7
