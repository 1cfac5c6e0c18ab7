"""The family page by keyboard: Ctrl+Shift+C raises a concern from anywhere on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.family.concern_dialog import ConcernDialog

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import activate

RAISE = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_shift_c_on_the_overview_raises_a_concern_on_the_concerns_tab(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    activate(qtbot, page.window())
    page.tabs.tabBar().setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, RAISE)
    assert page.tabs.currentWidget() is page.concerns
    dialog = page.concerns.dialog
    assert isinstance(dialog, ConcernDialog)
    qtbot.waitUntil(dialog.isVisible)


def test_ctrl_shift_c_on_a_selected_note_raises_the_concern_from_that_note(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    note = caseload.notes.write(family_id, "Said Dad shouts at night.", final=True)
    page = make_page(family_id)
    activate(qtbot, page.window())
    page.tabs.setCurrentWidget(page.notes)
    page.notes.select_record(note.id)
    page.notes.table.setFocus()
    qtbot.keyClick(page.notes.table, Qt.Key.Key_C, RAISE)
    dialog = page.notes.dialog
    assert isinstance(dialog, ConcernDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.source is not None and dialog.source.id == note.id
    assert dialog.origin_label.text().startswith("From the note written")


def test_f1_lists_every_shortcut_the_window_and_the_family_page_answer_to(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    from PySide6.QtGui import QKeySequence

    from liaison_desktop.ui.keyboard_help import KeyboardShortcutsDialog
    from liaison_desktop.ui.main_window import MainWindow

    page = make_page(family_id)
    window = page.window()
    assert isinstance(window, MainWindow)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert isinstance(dialog, KeyboardShortcutsDialog)
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.table
    listed = " ".join(
        table.item(r, 1).text()
        for r in range(table.rowCount())  # type: ignore[union-attr]
    )
    bound = {
        # Shift+Tab reaches Qt as Shift+Backtab.
        action.shortcut()
        .toString(QKeySequence.SequenceFormat.PortableText)
        .replace("Backtab", "Tab")
        for owner in (window, page)
        for action in owner.actions()
        if not action.shortcut().isEmpty()
    }
    assert bound  # the window and page do answer to keys
    missing = set()
    for keys in bound:
        # "Ctrl+3" is covered by "Ctrl+1 … Ctrl+9", "Alt+4" by "Alt+1 … Alt+9".
        general = keys[:-1] + "1 … " + keys[:-1] + "9" if keys[-1].isdigit() else keys
        if keys not in listed and general not in listed:
            missing.add(keys)
    assert missing == set()
