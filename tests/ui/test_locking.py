"""Locking: Ctrl+L, automatic lock after idle time, and quick hide."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from liaison_desktop.services.settings_service import Settings, SettingsService
from liaison_desktop.ui.idle_watcher import IdleWatcher
from liaison_desktop.ui.session_controller import MINUTE_MS, SessionController

from .conftest import ControllerFactory
from .ui_helpers import OP_TIMEOUT_MS, activate, unlocked_session


def _deleted_later() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_ctrl_l_locks_and_shows_the_unlock_window(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    window = unlocked_session(qtbot, controller)
    vault = controller.vault
    assert vault is not None
    activate(qtbot, window)

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert not vault.is_open
    assert controller.vault is None
    assert controller.main_window is None
    assert controller.unlock_view is not None and controller.unlock_view.isVisible()
    assert controller.unlock_view.passphrase_edit.text() == ""
    _deleted_later()
    assert not isValid(window)  # the views and what they held are gone


def test_lock_closes_dialogs_that_show_data(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    window = unlocked_session(qtbot, controller)
    dialog = QDialog(window)
    QLabel("a family's details", dialog)
    dialog.show()
    window.lock_action.trigger()
    assert not dialog.isVisible()
    _deleted_later()
    assert not isValid(dialog)


def test_idle_time_locks_automatically(
    qtbot: QtBot, make_controller: ControllerFactory, recovery_key: str
) -> None:
    controller = make_controller(idle_interval_ms=100)
    unlocked_session(qtbot, controller)
    vault = controller.vault
    assert vault is not None

    with qtbot.waitSignal(controller.locked, timeout=OP_TIMEOUT_MS):
        pass
    assert not vault.is_open
    assert controller.unlock_view is not None and controller.unlock_view.isVisible()
    assert not controller.idle_watcher.active  # no second lock on the unlock window


def test_input_restarts_the_idle_countdown(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    label.show()
    watcher = IdleWatcher(60_000)
    watcher.start()
    try:
        timer = watcher._timer
        qtbot.waitUntil(lambda: timer.remainingTime() < 59_950, timeout=5_000)
        qtbot.mouseMove(label)
        qtbot.keyClick(label, Qt.Key.Key_A)
        assert timer.remainingTime() >= 59_980
    finally:
        watcher.stop()


def test_auto_lock_time_comes_from_settings(
    make_controller: ControllerFactory, settings: SettingsService
) -> None:
    settings.save(Settings(auto_lock_minutes=12))
    controller = make_controller(idle_interval_ms=None)
    assert controller.idle_watcher.interval_ms == 12 * MINUTE_MS


def test_default_auto_lock_is_five_minutes(make_controller: ControllerFactory) -> None:
    controller = make_controller(idle_interval_ms=None)
    assert controller.idle_watcher.interval_ms == 5 * MINUTE_MS


def test_quick_hide_hides_every_window_and_locks(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    window = unlocked_session(qtbot, controller)
    vault = controller.vault
    assert vault is not None
    detail = QDialog(window)
    detail.setWindowTitle("Family details")
    detail.show()
    activate(qtbot, window)

    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert not vault.is_open
    assert not window.isVisible() and not detail.isVisible()
    unlock = controller.unlock_view
    assert unlock is not None
    assert unlock.isMinimized()
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and not w.isMinimized()]
    assert shown == []


def test_quick_hide_from_the_menu(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    window = unlocked_session(qtbot, controller)
    vault = controller.vault
    assert vault is not None
    window.quick_hide_action.trigger()
    assert not vault.is_open
    assert not window.isVisible()


def test_quick_hide_works_on_the_unlock_window_too(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    controller.start()
    view = controller.unlock_view
    assert view is not None
    view.quick_hide_action.trigger()
    assert view.isMinimized()


def test_after_locking_the_right_passphrase_opens_again(
    qtbot: QtBot, controller: SessionController, recovery_key: str
) -> None:
    first = unlocked_session(qtbot, controller)
    first.lock_action.trigger()
    controller.start = lambda: None  # type: ignore[method-assign]  # unlock view already shown
    second = unlocked_session(qtbot, controller)
    assert second is not first
    assert controller.vault is not None and controller.vault.is_open
