"""Takes back, on lock, the case text the officer copied out of the app.

Copied text outlives the vault: it stays on the system clipboard (and, on X11, in the mouse
selection that merely selecting text fills) for any program or the next person at the
laptop to paste. On lock the guard empties each of them that still holds what the app put
there, and leaves alone whatever the officer copied in another program since.

"What the app put there" is known two ways. While the app still owns the clipboard, the
platform says so (`QClipboard.ownsClipboard`). A clipboard manager may take the text over
(it owns the clipboard then, holding the same words), so the guard also keeps a SHA-256
digest of each text the app copied (never the text), and empties a clipboard whose text
matches one. Clipboard managers' own history is beyond its reach (docs/threat-model.md).
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QClipboard, QGuiApplication

# Platforms whose clipboard is a plain object inside this process: no other program can
# write to it, so whatever it holds, the app put there.
IN_PROCESS_CLIPBOARDS = frozenset({"offscreen", "minimal"})
# Enough for a session's worth of copies; the oldest are forgotten first.
MAX_DIGESTS = 256


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class ClipboardGuard(QObject):
    """Watches what the app copies; `forget_copied_text()` empties it from the clipboard."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard = QGuiApplication.clipboard()
        self._in_process = QGuiApplication.platformName() in IN_PROCESS_CLIPBOARDS
        self._copied: dict[bytes, None] = {}  # digests in the order copied
        self._clipboard.changed.connect(self._on_changed)

    def _modes(self) -> list[QClipboard.Mode]:
        modes = [QClipboard.Mode.Clipboard]
        if self._clipboard.supportsSelection():
            modes.append(QClipboard.Mode.Selection)
        return modes

    def _app_owns(self, mode: QClipboard.Mode) -> bool:
        if self._in_process:
            return True
        if mode == QClipboard.Mode.Selection:
            return self._clipboard.ownsSelection()
        return self._clipboard.ownsClipboard()

    @Slot(QClipboard.Mode)
    def _on_changed(self, mode: QClipboard.Mode) -> None:
        if mode not in self._modes() or not self._app_owns(mode):
            return  # another program's copy: its text is never read
        text = self._clipboard.text(mode)
        if text:
            self._copied[_digest(text)] = None
            while len(self._copied) > MAX_DIGESTS:
                del self._copied[next(iter(self._copied))]

    def forget_copied_text(self) -> None:
        """Empty the clipboard and the selection where they hold what the app copied."""
        for mode in self._modes():
            if self._app_owns(mode):
                self._clipboard.clear(mode)
            elif self._copied and _digest(self._clipboard.text(mode)) in self._copied:
                # Someone else (a clipboard manager) holds our words: clear() would do nothing
                # when the app is not the owner, so take the clipboard over, empty.
                self._clipboard.setText("", mode)
        self._copied.clear()
