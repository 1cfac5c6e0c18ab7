"""Locking takes back what the officer copied out of the app (issue 15, part 5).

Offscreen the clipboard lives in this process, so everything in it came from the app; the
Xvfb tests (`test_desktop_traces_xvfb.py`) show the same with a real X clipboard, a separate
program reading it, and another program's copy that the lock must leave alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.session_controller import SessionController
from tests.helpers import new_canary

from .ui_helpers import activate, unlocked_session

CTRL = Qt.KeyboardModifier.ControlModifier


def _copy_from_the_caseload_filter(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type `text` into the Caseload filter, then Ctrl+A, Ctrl+C, as an officer would."""
    window.show_section("caseload")
    view = window.view("caseload")
    assert isinstance(view, CaseloadView)
    field: QLineEdit = view.filter_edit
    activate(qtbot, window)
    field.setFocus()
    field.insert(text)
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_C, CTRL)


def _pasteable() -> str:
    return QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard)


def test_ctrl_l_empties_the_clipboard_of_copied_case_text(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    canary = new_canary("copied")
    window = unlocked_session(qtbot, controller)
    _copy_from_the_caseload_filter(qtbot, window, canary)
    assert _pasteable() == canary

    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)

    assert controller.vault is None
    assert _pasteable() == ""


def test_quick_hide_empties_the_clipboard_of_copied_case_text(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    canary = new_canary("copied")
    window = unlocked_session(qtbot, controller)
    _copy_from_the_caseload_filter(qtbot, window, canary)
    assert _pasteable() == canary

    qtbot.keyClick(window, Qt.Key.Key_H, CTRL | Qt.KeyboardModifier.ShiftModifier)

    assert controller.vault is None and not window.isVisible()
    assert _pasteable() == ""


def test_quitting_empties_the_clipboard_so_no_clipboard_manager_inherits_it(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    canary = new_canary("copied")
    window = unlocked_session(qtbot, controller)
    _copy_from_the_caseload_filter(qtbot, window, canary)
    assert _pasteable() == canary

    controller.shutdown()  # what Quit does before the event loop ends

    assert _pasteable() == ""


def test_idle_lock_empties_the_clipboard_too(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    canary = new_canary("copied")
    window = unlocked_session(qtbot, controller)
    _copy_from_the_caseload_filter(qtbot, window, canary)

    with qtbot.waitSignal(controller.locked):
        controller.idle_watcher.idle.emit()

    assert _pasteable() == ""
