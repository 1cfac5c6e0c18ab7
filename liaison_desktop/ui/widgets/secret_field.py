"""A passphrase or password field whose characters never reach assistive technology.

Qt's line edit reports every change of its text to the accessibility bridge, even in
password mode: under AT-SPI each typed character arrives as a text-inserted event and the
whole passphrase as a text-deleted one when the field is cleared, and Orca speaks them. So
this field keeps the secret itself and gives Qt's line edit only one mask character per
character typed: everything Qt (and so a screen reader) sees is the mask. Typing, paste,
Backspace, Delete, selections and the word and line deletions all edit the secret at the
same place (typing and paste here, deletions by following what the line edit removed);
undo, drag and drop are off (they would put in text the secret never saw).
`text()` and `setText()` read and set the secret; when the person chooses to show it
(`set_revealed`), the line edit holds the real text, as any visible text would.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

from ...i18n import _

MASK = "\u25cf"  # what GTK password entries show too


class SecretField(QLineEdit):
    """A line edit for a secret that only ever shows Qt a mask of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._secret = ""
        self._revealed = False
        self._shown_length = 0
        self._setting = False
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAcceptDrops(False)
        # Connected first, so the secret has caught up before anyone else hears of a change.
        self.textChanged.connect(self._follow_mask)

    # -- the secret --------------------------------------------------------------------------
    def text(self) -> str:
        return self._secret

    def setText(self, text: str | None) -> None:
        self._secret = text or ""
        self._show(len(self._secret))

    def insert(self, text: str) -> None:
        self._replace_selection(text)

    def clear(self) -> None:
        self.setText("")

    def paste(self) -> None:
        self._replace_selection(QGuiApplication.clipboard().text())

    def undo(self) -> None:
        """Nothing: the line edit's history holds masks, not the secret."""

    def redo(self) -> None:
        """Nothing, as for undo."""

    def set_revealed(self, revealed: bool) -> None:
        """Show the secret as plain text (the person asked to see it) or mask it again."""
        self._revealed = revealed
        self.setEchoMode(QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password)
        self._show(self.cursorPosition())

    def _show(self, cursor: int) -> None:
        self._setting = True
        try:
            super().setText(self._secret if self._revealed else MASK * len(self._secret))
        finally:
            self._setting = False
        self._shown_length = len(self._secret)
        self.setCursorPosition(cursor)

    def _follow_mask(self, shown: str) -> None:
        """The line edit changed the mask itself (Backspace, Delete, a word or the rest of the
        line deleted, cut): remove the same characters from the secret. Any deletion ends
        with the cursor where the removed characters began."""
        if self._setting:
            return
        removed = self._shown_length - len(shown)
        if removed > 0:
            start = self.cursorPosition()
            self._secret = self._secret[:start] + self._secret[start + removed :]
        elif removed < 0 and self._revealed:
            self._secret = shown  # shown as plain text: what is shown is the secret
        self._shown_length = len(shown)

    def _replace_selection(self, text: str) -> None:
        text = text.replace("\r", "").replace("\n", "")
        if self.hasSelectedText():
            start = self.selectionStart()
            end = start + len(self.selectedText())
        else:
            start = end = self.cursorPosition()
        self._secret = self._secret[:start] + text + self._secret[end:]
        self._show(start + len(text))
        self.textEdited.emit(self._shown_text())

    def _shown_text(self) -> str:
        return str(super().text())

    # -- what a person does --------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        ):
            return  # the line edit's history holds masks, not the secret
        from PySide6.QtCore import Qt  # not at import: the unlock window must show first

        typed = event.text()
        modifiers = event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier) and not bool(
            modifiers & Qt.KeyboardModifier.AltModifier  # Ctrl+Alt is AltGr on Windows
        )
        if typed and typed.isprintable() and not control:
            self._replace_selection(typed)
            return
        # Anything else (moving, selecting, Backspace, Delete, deleting words or to the end
        # of the line, Return) the line edit does to the mask; `_follow_mask` keeps up.
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if event.commitString():
            self._replace_selection(event.commitString())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.MiddleButton:  # X11's paste of the selection
            self._replace_selection(QGuiApplication.clipboard().text(QClipboard.Mode.Selection))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        paste = menu.addAction(_("Paste"))
        paste.triggered.connect(lambda: self._replace_selection(QGuiApplication.clipboard().text()))
        menu.addAction(_("Clear")).triggered.connect(self.clear)
        menu.exec(event.globalPos())
