"""An unexpected error in the GUI shows a crash report with no case data; the vault stays safe.

Issue 9, acceptance 4. pytest-qt normally takes over `sys.excepthook` to fail a test whose
slot raised; these tests switch that off (`qt_no_exception_capture`) so that the app's own
hook, installed exactly as `app.launch()` installs it, is what PySide6 calls.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from liaison_desktop import app
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.crash_dialog import CrashDialog
from liaison_desktop.ui.crash_handler import CrashHandler, install_crash_handler
from liaison_desktop.ui.ops import BackgroundOp, OpContext, unexpected_error_message
from liaison_desktop.ui.session_controller import SessionController
from tests.helpers import new_canary

from .ui_helpers import OP_TIMEOUT_MS, unlocked_session

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def crash_handler(controller: SessionController) -> Iterator[CrashHandler]:
    handler = install_crash_handler(controller)
    yield handler
    handler.uninstall()


def _wait_for_dialog(qtbot: QtBot, handler: CrashHandler) -> CrashDialog:
    qtbot.waitUntil(
        lambda: handler.dialog is not None and handler.dialog.isVisible(), timeout=OP_TIMEOUT_MS
    )
    assert handler.dialog is not None
    return handler.dialog


def _assert_safe(text: str, canary: str, *roots: Path) -> None:
    assert canary not in text
    assert canary.split("-")[0] not in text  # not even the canary's label
    assert str(Path.home()) not in text
    for root in roots:
        assert str(root) not in text


def test_an_error_in_a_slot_shows_a_report_without_case_data_and_keep_working_keeps_the_vault(
    qtbot: QtBot,
    controller: SessionController,
    crash_handler: CrashHandler,
    recovery_key: str,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    canary = new_canary("Kanaryname")
    window = unlocked_session(qtbot, controller)
    vault = cast(Vault, controller.vault)
    caseload = Caseload(vault)
    family_id = caseload.families.create({"name": f"{canary} family", "postcode": "B1 1AA"}).id

    def move_family() -> None:
        family = caseload.families.get(family_id)  # case data in the slot's locals
        name = family["name"]
        with vault.transaction():
            caseload.families.set_fields(family_id, {"name": f"{name} (moved)"})
            raise RuntimeError(f"could not move {name} from {family['postcode']}")

    button = QPushButton("Move", window)
    button.clicked.connect(move_family)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = _wait_for_dialog(qtbot, crash_handler)
    assert dialog.parent() is window and dialog.isModal()
    text = dialog.report_edit.toPlainText()
    _assert_safe(text, canary, data_dir, tmp_path)
    assert dialog.report_edit.isReadOnly()
    assert "Error: RuntimeError (message left out" in text
    assert 'File "…/test_crash_dialog.py"' in text and ".move_family" in text
    assert f"Crash id: {dialog.report.crash_id}" in text
    assert "Nothing you saved has been lost" in " ".join(
        label.text() for label in dialog.findChildren(QLabel)
    )

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == text
    _assert_safe(copied, canary, data_dir, tmp_path)

    # Keep working: the dialog goes, the session stays, and the half-done write was undone.
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=OP_TIMEOUT_MS)
    assert controller.vault is vault and vault.is_open
    assert controller.main_window is window and window.isVisible()
    assert not vault.conn.in_transaction
    assert caseload.families.get(family_id)["name"] == f"{canary} family"
    assert VaultService.verify(vault) == []
    # And the session still works: a new write commits.
    caseload.families.set_fields(family_id, {"postcode": "B2 2BB"})
    assert caseload.families.get(family_id)["postcode"] == "B2 2BB"


def test_save_report_writes_only_the_report_to_the_chosen_file(
    qtbot: QtBot,
    controller: SessionController,
    crash_handler: CrashHandler,
    recovery_key: str,
    tmp_path: Path,
) -> None:
    canary = new_canary("Kanarynote")
    window = unlocked_session(qtbot, controller)
    note_text = f"Visited; {canary} mentioned the rent arrears."

    def fail_later() -> None:
        draft = note_text  # noqa: F841  (a local holding a note)
        raise ValueError(note_text)

    QTimer.singleShot(0, fail_later)
    dialog = _wait_for_dialog(qtbot, crash_handler)
    assert dialog.parent() is window

    chosen = tmp_path / "chosen" / "report.txt"
    chosen.parent.mkdir()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    chooser = dialog.save_dialog
    assert chooser is not None and chooser.isVisible()
    chooser.selectFile(str(chosen))  # the officer picks this file and presses Save
    chooser.accept()
    qtbot.waitUntil(chosen.exists, timeout=OP_TIMEOUT_MS)
    saved = chosen.read_text(encoding="utf-8")
    assert saved == dialog.report.text()
    assert canary not in saved and "ValueError" in saved
    assert str(chosen) in dialog.message_label.text()
    # Nothing else was written anywhere: the report was not kept on disk automatically.
    everywhere = [p for p in tmp_path.rglob("*") if p.is_file() and p != chosen]
    assert all(dialog.report.crash_id.encode() not in p.read_bytes() for p in everywhere)


def test_lock_and_close_locks_the_vault_and_wipes_its_key(
    qtbot: QtBot,
    controller: SessionController,
    crash_handler: CrashHandler,
    recovery_key: str,
) -> None:
    unlocked_session(qtbot, controller)
    vault = cast(Vault, controller.vault)

    def fail() -> None:
        raise KeyError(new_canary())

    QTimer.singleShot(0, fail)
    dialog = _wait_for_dialog(qtbot, crash_handler)
    qtbot.mouseClick(dialog.lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=OP_TIMEOUT_MS)
    assert controller.vault is None
    assert not vault.is_open
    assert vault._data_key.wiped  # the data key's bytes were zeroed and dropped


def test_a_storm_of_errors_opens_one_dialog_and_counts_the_rest(
    qtbot: QtBot,
    controller: SessionController,
    crash_handler: CrashHandler,
    recovery_key: str,
) -> None:
    window = unlocked_session(qtbot, controller)
    timer = QTimer(window)
    timer.setInterval(1)

    def fail() -> None:
        raise RuntimeError("again")

    timer.timeout.connect(fail)
    timer.start()
    try:
        dialog = _wait_for_dialog(qtbot, crash_handler)
        qtbot.waitUntil(lambda: dialog.repeats >= 5, timeout=OP_TIMEOUT_MS)
    finally:
        timer.stop()
    assert crash_handler.shown == 1
    open_dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()
    ]
    assert open_dialogs == [dialog]
    assert dialog.repeat_label.isVisible()
    assert str(dialog.repeats) in dialog.repeat_label.text()


class _FailingLineEdit(QLineEdit):
    """A Qt virtual (keyPressEvent) that fails while holding typed text."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = self.text()
        raise LookupError(f"no family called {typed}")


def test_errors_in_a_qt_virtual_a_thread_and_background_work_are_reported_safely(
    qtbot: QtBot,
    controller: SessionController,
    crash_handler: CrashHandler,
    recovery_key: str,
    data_dir: Path,
) -> None:
    canary = new_canary("Kanaryaddress")
    window = unlocked_session(qtbot, controller)

    # A virtual: a key press, delivered by the event loop as the system's would be, reaches a
    # widget whose key handler fails. (qtbot.keyClick would call it from this test's Python
    # instead, and PySide6 raises into the caller then.)
    edit = _FailingLineEdit(window)
    edit.setText(canary)
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QCoreApplication.postEvent(edit, key)
    dialog = _wait_for_dialog(qtbot, crash_handler)
    assert "LookupError" in dialog.report.text() and "_FailingLineEdit.keyPressEvent" in (
        dialog.report.text()
    )
    _assert_safe(dialog.report.text(), canary, data_dir)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)

    # A plain Python thread.
    thread = threading.Thread(target=lambda: int(canary))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: crash_handler.shown == 2, timeout=OP_TIMEOUT_MS)
    dialog = _wait_for_dialog(qtbot, crash_handler)
    assert "Where: thread" in dialog.report.text()
    assert "ValueError" in dialog.report.text()
    _assert_safe(dialog.report.text(), canary, data_dir)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)

    # Background work: the view hears the general message, the officer gets the report.
    failures: list[str] = []

    def work(_context: OpContext) -> None:
        address = f"12 {canary} Road"
        raise TypeError(address)

    op: BackgroundOp[None] = BackgroundOp(
        owner=window, work=work, success=lambda _r: None, failure=failures.append
    )
    op.run_in_background()
    qtbot.waitUntil(lambda: failures != [] and crash_handler.shown == 3, timeout=OP_TIMEOUT_MS)
    assert failures == [unexpected_error_message()]
    dialog = _wait_for_dialog(qtbot, crash_handler)
    assert "Where: background work" in dialog.report.text()
    assert "TypeError" in dialog.report.text()
    _assert_safe(dialog.report.text(), canary, data_dir)


def test_launch_installs_the_hooks_and_close_gives_them_back(qtbot: QtBot, tmp_path: Path) -> None:
    before = sys.excepthook, threading.excepthook
    started = app.launch(["--data-dir", str(tmp_path / "data")])
    try:
        handler = started.crash_handler
        assert handler is not None
        assert sys.excepthook == handler._excepthook
        assert threading.excepthook == handler._thread_excepthook
    finally:
        started.close()
    assert (sys.excepthook, threading.excepthook) == before
