"""The app on a real X display, driven with real key presses, for `test_desktop_traces_xvfb`.

Run by the test under `xvfb-run` with HOME and the XDG folders in a temporary folder:

    python -m tests.ui.desktop_traces_child clipboard WORKDIR CANARY
    python -m tests.ui.desktop_traces_child save-report WORKDIR CANARY [TYPED|TYPED…]

CANARY is the text copied (clipboard) or the family's name (save-report); each TYPED is typed
into the save dialog and entered (no TYPED: Return on the suggested name). It prints one JSON
line of what it saw; the test makes the assertions.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.reports.reports_view import ReportsView
from liaison_desktop.ui.session_controller import SessionController

from .ui_helpers import NEVER_MS, PASSPHRASE
from .x11_keys import Keyboard

OTHER_APP_TEXT = "shopping list from another program"
WAIT_S = 30.0


def wait_until(condition: Callable[[], object], what: str, timeout_s: float = WAIT_S) -> None:
    """Run the event loop until `condition()` holds."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        QTest.qWait(20)


def pump(seconds: float) -> None:
    """Run the event loop for `seconds` (GTK saves its recent files on an idle callback)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QTest.qWait(20)


def peer(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ui.clipboard_peer", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def read_clipboard() -> dict[str, str]:
    """What another program reads from the clipboard now (our event loop keeps serving it)."""
    reader = peer("read")
    assert reader.stdin is not None and reader.stdout is not None
    reader.stdin.close()
    wait_until(lambda: reader.poll() is not None, "the clipboard reader")
    result: dict[str, str] = json.loads(reader.stdout.read())
    return result


def activate(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
    wait_until(window.isActiveWindow, "the window to take the keyboard")


def clipboard_scenario(work: Path, canary: str) -> dict[str, Any]:
    data = work / "data"
    vault, _key = Vault.create(
        data, PASSPHRASE, owner_name="Test Officer", role="lead", kdf_target_seconds=0
    )
    vault.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    controller = SessionController(
        VaultService(data), SettingsService(data), idle_interval_ms=NEVER_MS
    )
    keys = Keyboard()
    seen: dict[str, Any] = {}
    changes: list[object] = []
    app.clipboard().dataChanged.connect(lambda: changes.append(None))

    def unlock_and_copy(text: str) -> None:
        view = controller.unlock_view
        assert view is not None
        view.passphrase_edit.setText(PASSPHRASE)
        view.unlock_button.click()
        wait_until(lambda: controller.main_window is not None, "the main window")
        window = controller.main_window
        assert window is not None
        window.show_section("caseload")
        caseload = window.view("caseload")
        assert isinstance(caseload, CaseloadView)
        field: QLineEdit = caseload.filter_edit
        field.insert(text)
        activate(window)
        field.setFocus()
        wait_until(field.hasFocus, "the filter field to take the keyboard")
        copies = len(changes)
        keys.ctrl("a")
        keys.ctrl("c")
        # This copy, not an earlier one: the clipboard changed since the keys went out.
        wait_until(lambda: len(changes) > copies, "the copy")
        wait_until(lambda: app.clipboard().ownsClipboard(), "the app to own the clipboard")

    def lock_with_ctrl_l() -> None:
        keys.ctrl("l")
        wait_until(lambda: controller.main_window is None, "the lock")

    try:
        controller.start()
        # 1. The officer copies case text, then locks.
        unlock_and_copy(canary)
        seen["copied"] = read_clipboard()
        lock_with_ctrl_l()
        seen["after_lock"] = read_clipboard()

        # 2. Then copies something in another program before locking: it stays.
        unlock_and_copy(canary)
        other = peer("own", OTHER_APP_TEXT)
        assert other.stdout is not None and other.stdin is not None
        assert other.stdout.readline().strip() == "owned"
        wait_until(lambda: not app.clipboard().ownsClipboard(), "the other program's copy")
        lock_with_ctrl_l()
        seen["other_after_lock"] = read_clipboard()
        other.stdin.close()
        other.wait(timeout=WAIT_S)

        # 3. A clipboard manager takes over our copy (owns it, same words): it goes.
        unlock_and_copy(canary)
        manager = peer("own", canary)
        assert manager.stdout is not None and manager.stdin is not None
        assert manager.stdout.readline().strip() == "owned"
        wait_until(lambda: not app.clipboard().ownsClipboard(), "the manager's copy")
        lock_with_ctrl_l()
        seen["manager_after_lock"] = read_clipboard()
        manager.stdin.close()
        manager.wait(timeout=WAIT_S)
    finally:
        keys.close()
        controller.shutdown()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return seen


def save_report_scenario(work: Path, canary: str, typed: str) -> dict[str, Any]:
    vault, _key = Vault.create(
        work / "data", PASSPHRASE, owner_name="Test Officer", role="lead", kdf_target_seconds=0
    )
    try:
        caseload = Caseload(vault)
        family = caseload.families.create({"name": f"{canary} household", "postcode": "CF10 1AA"})
        view = ReportsView(caseload)
        activate(view)
        view.buttons["case_summary"].click()
        dialog = view.dialog
        assert dialog is not None
        dialog.subject_filter.setText(canary)
        dialog.subject_list.setCurrentIndex(dialog.subject_proxy.index(0, 0))
        assert dialog.subject_id() == family.id
        saved: list[str] = []
        dialog.saved.connect(saved.append)
        dialog.save_button.click()
        chooser = dialog.findChild(QFileDialog)
        assert chooser is not None
        native = not chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
        suggested = chooser.selectedFiles()
        if native:
            pump(2.0)  # the GTK window maps and takes the keyboard on its own
        else:
            wait_until(chooser.isActiveWindow, "the file dialog to take the keyboard")
        keys = Keyboard()
        try:
            # Each step: select the name field's text, type over it, press Return.
            for step in typed.split("|") if typed else []:
                keys.ctrl("a")
                keys.type(step)
                keys.key("Return")
                pump(0.5)
            if not typed:
                keys.key("Return")
        finally:
            keys.close()
        wait_until(lambda: saved, "the report to be saved", timeout_s=60)
        pump(1.5)
        view.close()
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        return {
            "native": native,
            "suggested": suggested,
            "message": saved[0],
            "platform_dialog_available": _platform_dialog_available(),
        }
    finally:
        vault.close()


def _platform_dialog_available() -> bool:
    """True when a plain QFileDialog would be the platform's (GTK's): Qt builds no widgets."""
    probe = QFileDialog()
    probe.open()
    try:
        return probe.findChild(QLineEdit) is None
    finally:
        probe.reject()
        probe.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def main(argv: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    work, canary = Path(argv[1]), argv[2]
    if argv[0] == "clipboard":
        result = clipboard_scenario(work, canary)
    else:
        result = save_report_scenario(work, canary, argv[3] if len(argv) > 3 else "")
    print(json.dumps(result), flush=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
