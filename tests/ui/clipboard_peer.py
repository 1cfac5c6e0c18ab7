"""Another program on the same X display, for the clipboard tests.

`python -m tests.ui.clipboard_peer read` prints what the clipboard and the selection hold,
as JSON, read fresh from their owner. `... own TEXT` copies TEXT to both, prints "owned",
and keeps serving it until its standard input closes.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

GIVE_UP_MS = 120_000  # never outlive a test that forgot to close our stdin


def main(argv: list[str]) -> int:
    app = QGuiApplication(sys.argv[:1])
    clipboard = app.clipboard()
    if argv[0] == "read":
        print(
            json.dumps(
                {
                    "clipboard": clipboard.text(QClipboard.Mode.Clipboard),
                    "selection": clipboard.text(QClipboard.Mode.Selection),
                }
            ),
            flush=True,
        )
        return 0
    clipboard.setText(argv[1], QClipboard.Mode.Clipboard)
    clipboard.setText(argv[1], QClipboard.Mode.Selection)
    print("owned", flush=True)
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: sys.stdin.read() or app.quit())
    QTimer.singleShot(GIVE_UP_MS, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
