"""Constants and steps shared by the UI tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.ui.caseload.caseload_view import CaseloadView, build_caseload_section
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.section_views import SessionServices
from liaison_desktop.ui.session_controller import SessionController
from liaison_desktop.ui.start.unlock_view import UnlockView

PASSPHRASE = "correct horse battery staple"
OWNER = "Siân Ó Briain"  # not ASCII on purpose: names are not
STRONG = "crème brûlée for every family on Tuesday"
WEAK = "password1"
# Long enough that automatic lock never fires during a test that is not about it.
NEVER_MS = 3_600_000
OP_TIMEOUT_MS = 20_000


def unlock_with(qtbot: QtBot, view: UnlockView, passphrase: str) -> None:
    """Type `passphrase` into the unlock window and press Unlock."""
    view.passphrase_edit.setText(passphrase)
    qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)


def unlocked_session(qtbot: QtBot, controller: SessionController) -> MainWindow:
    """Start `controller` on an existing vault and unlock it; returns the main window."""
    controller.start()
    assert controller.unlock_view is not None
    unlock_with(qtbot, controller.unlock_view, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=OP_TIMEOUT_MS)
    assert controller.main_window is not None
    return controller.main_window


def caseload_section(
    qtbot: QtBot,
    caseload: Caseload,
    data_dir: Path,
    *,
    owner: str = "Test Officer",
    role: str = "officer",
) -> CaseloadView:
    """A main window showing the real Caseload section of `caseload`, shown and active."""
    window = MainWindow(owner, role)
    qtbot.addWidget(window)
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    view = build_caseload_section(services)
    assert isinstance(view, CaseloadView)
    window.set_view("caseload", view)
    window.show_section("caseload")
    window.show()
    activate(qtbot, window)
    return view


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make `window` the active window, as shortcuts need (also under Xvfb, with no WM)."""
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=OP_TIMEOUT_MS)
