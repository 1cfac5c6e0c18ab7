"""Driver for the GUI benchmark: start a window in this fresh process, print seconds to exposed.

`python -m bench.gui_first_window app --data-dir DIR` starts Liaison Desktop through
`liaison_desktop.app.launch` (an existing vault there: the unlock window); `... bare` shows a
bare PySide6 QWidget. The clock starts before PySide6 is imported, so both include importing
Qt; the Python start-up before it is the same for both. Prints one number (seconds).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402


def _wait_exposed(app: object) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    # An event loop object's processEvents, not the static QApplication.processEvents: in
    # PySide6 6.12 on Python 3.11 each static call drops a reference to None (see decisions).
    loop = QEventLoop()
    while True:
        loop.processEvents()
        for widget in app.topLevelWidgets():
            handle = widget.windowHandle()
            if widget.isVisible() and handle is not None and handle.isExposed():
                return


def main(argv: Sequence[str]) -> int:
    """Show the chosen first window, print the seconds it took, close it."""
    kind, rest = argv[0], list(argv[1:])
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QWidget

        app = QApplication(sys.argv[:1])
        window = QWidget()
        window.setWindowTitle("bare")
        window.resize(640, 480)
        window.show()
        _wait_exposed(app)
        print(f"{time.perf_counter() - STARTED:.6f}", flush=True)
        window.close()
        return 0
    from liaison_desktop.app import launch

    started = launch(rest)
    _wait_exposed(started.app)
    print(f"{time.perf_counter() - STARTED:.6f}", flush=True)
    started.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
