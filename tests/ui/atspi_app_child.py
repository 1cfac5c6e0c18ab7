"""The app for the AT-SPI test: started as a person starts it, then driven with real keys.

Run by atspi_probe.py (inside the test's D-Bus session, under Xvfb) as
`python atspi_app_child.py DATA_DIR PASSPHRASE DONE_DIR`. It shows the real unlock window
of the vault in DATA_DIR, types the passphrase into the passphrase field key by key, presses
Return, waits for the main window, opens the first family in the caseload with Return, and
prints "FAMILY <family name>". Twice (the unlock window before typing, the family opened)
it prints "SNAPSHOT <name>" and waits for DONE_DIR/<name>: the probe has read the tree.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QTableView

from liaison_desktop.app import launch
from liaison_desktop.ui.main_window import MainWindow


def wait_for(what: str, found: Callable[[], object], seconds: float = 30.0) -> object:
    """Run the event loop (so AT-SPI's calls are answered at once) until `found()` is true."""
    loop = QEventLoop()
    result: list[object] = []

    def check() -> None:
        value = found()
        if value:
            result.append(value)
            loop.quit()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(check)
    timer.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    if not result:
        raise SystemExit(f"timed out waiting for {what}")
    return result[0]


def settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    wait_for("time to pass", lambda: time.monotonic() >= end, seconds + 5)


def snapshot(name: str, done_dir: Path) -> None:
    """Ask the probe to read the accessibility tree now, and wait until it has."""
    print(f"SNAPSHOT {name}", flush=True)
    wait_for(f"the probe's snapshot {name}", (done_dir / name).exists, seconds=120)


def main() -> int:
    data_dir, passphrase, done_dir = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    started = launch(["--data-dir", data_dir])
    app = started.app
    settle(1.5)  # the accessibility bridge registers with the AT-SPI registry

    def passphrase_field() -> QLineEdit | None:
        for window in app.topLevelWidgets():
            if window.isVisible():
                for field in window.findChildren(QLineEdit):
                    if field.echoMode() == QLineEdit.EchoMode.Password and field.isVisible():
                        return field
        return None

    field = wait_for("the passphrase field", passphrase_field)
    assert isinstance(field, QLineEdit)
    field.window().activateWindow()
    field.setFocus()
    settle(0.3)
    snapshot("unlock", done_dir)
    QTest.keyClicks(field, passphrase, delay=5)  # key by key, as typed
    settle(0.5)
    QTest.keyClick(field, Qt.Key.Key_Return)

    def main_window() -> MainWindow | None:
        for window in app.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible():
                return window
        return None

    window = wait_for("the main window", main_window)
    assert isinstance(window, MainWindow)
    window.activateWindow()
    settle(0.5)
    # Ctrl+<n> goes to the n-th section: the caseload's number in the list on the left.
    number = window.section_keys().index("caseload") + 1
    QTest.keyClick(window, Qt.Key(Qt.Key.Key_0.value + number), Qt.KeyboardModifier.ControlModifier)

    def caseload_table() -> QTableView | None:
        for table in window.findChildren(QTableView):
            if table.isVisible() and table.model() is not None and table.model().rowCount() > 0:
                return table
        return None

    table = wait_for("the caseload list", caseload_table)
    assert isinstance(table, QTableView)
    table.setFocus()
    table.selectRow(0)
    name = str(table.model().index(0, 0).data())
    QTest.keyClick(table, Qt.Key.Key_Return)
    settle(1.5)
    print(f"FAMILY {name}", flush=True)
    snapshot("family", done_dir)
    QTimer.singleShot(0, app.quit)
    started.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
