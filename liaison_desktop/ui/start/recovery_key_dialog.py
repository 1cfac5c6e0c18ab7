"""Shows the recovery key once, right after the vault is created, with ways to keep it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QFontMetrics, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ..file_dialogs import ask_save_path as ask_path
from ..spoken import spelled
from ..widgets.styles import apply_error_style, heading

# Asks where to save the key; returns the chosen path or None. Injected so tests need no
# file dialog.
ChooseSavePath = Callable[[QWidget], str | None]


def ask_save_path(parent: QWidget) -> str | None:
    """A save dialog whose title warns that the file opens the vault."""
    return ask_path(
        parent,
        _(
            "Save recovery key — SENSITIVE: anyone with this file and your laptop can open "
            "your vault. Save it to a USB stick you keep locked away, not to this laptop."
        ),
        name_filter=_("Text files (*.txt)"),
        suggested_name=_("liaison-recovery-key.txt"),
    )


def recovery_key_text(recovery_key: str) -> str:
    """The contents of the saved file: the key and what it is for."""
    return "\n".join(
        [
            _("Liaison Desktop recovery key"),
            "",
            recovery_key,
            "",
            _("Created {date}.").format(date=date.today().isoformat()),
            _("With this key anyone holding your laptop can open your vault and set a new"),
            _("passphrase. Keep it locked away, separate from the laptop. Do not email it."),
            "",
        ]
    )


class RecoveryKeyDialog(QDialog):
    """The one time the recovery key is shown; it closes only once the officer says it is kept."""

    def __init__(
        self,
        recovery_key: str,
        parent: QWidget | None = None,
        *,
        choose_save_path: ChooseSavePath = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self._recovery_key = recovery_key
        self._choose_save_path = choose_save_path
        self.setWindowTitle(_("Your recovery key"))
        self.setModal(True)

        title = heading(_("Keep your recovery key safe"))
        explanation = QLabel(
            _(
                "If you forget your passphrase, this key is the only way back into your "
                "vault — nobody else, not even IT support, can open it. It is shown only "
                "now. Print it or save it, and keep it locked away, separate from this laptop."
            )
        )
        explanation.setWordWrap(True)

        self.key_label = QLabel(recovery_key)
        key_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if key_font.pointSizeF() > 0:
            key_font.setPointSizeF(key_font.pointSizeF() * 1.4)
        key_font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(key_font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Never wrapped: a key broken over two lines is easy to copy wrongly.
        self.key_label.setMinimumWidth(
            QFontMetrics(key_font).horizontalAdvance(recovery_key + "MM")
        )
        # Read out character by character, group by group, so it can be written down.
        self.key_label.setAccessibleName(_("Recovery key: {key}").format(key=spelled(recovery_key)))

        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as text file…"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.stored_check = QCheckBox(_("I have stored the recovery key safely"))
        self.continue_button = QPushButton(_("Continue"))
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)

        keep_row = QHBoxLayout()
        keep_row.addWidget(self.print_button)
        keep_row.addWidget(self.save_button)
        keep_row.addStretch(1)
        finish_row = QHBoxLayout()
        finish_row.addWidget(self.stored_check, 1)
        finish_row.addWidget(self.continue_button)

        # Wide enough for the explanation to read as a paragraph, in the font in use.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.key_label)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(keep_row)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        layout.addLayout(finish_row)
        self._connect()

    def _connect(self) -> None:
        self.print_button.clicked.connect(self._on_print)
        self.save_button.clicked.connect(self._on_save)
        self.stored_check.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)

    # Escape and the window's close button both come here: the key must not be dismissed
    # before the officer says it is kept.
    def reject(self) -> None:
        if self.stored_check.isChecked():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.stored_check.isChecked():
            event.accept()
        else:
            event.ignore()

    def document(self) -> QTextDocument:
        """The page that is printed: the key in large type and what it is for."""
        doc = QTextDocument(self)
        lines = recovery_key_text(self._recovery_key).strip().split("\n")
        body = "<br>".join(escape(line) for line in lines[3:])
        doc.setHtml(
            f"<h2>{escape(lines[0])}</h2>"
            f"<p style='font-family: monospace; font-size: 20pt'><b>{escape(lines[2])}</b></p>"
            f"<p>{body}</p>"
        )
        return doc

    def _show_message(self, text: str, *, error: bool = False) -> None:
        if error:
            apply_error_style(self.message_label)
        self.message_label.setText(text)
        self.message_label.show()

    @Slot()
    def _on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print recovery key"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.document().print_(printer)
        self._show_message(_("Sent to the printer. Check the page printed in full."))

    @Slot()
    def _on_save(self) -> None:
        chosen = self._choose_save_path(self)
        if not chosen:
            return
        try:
            save_recovery_key(Path(chosen), self._recovery_key)
        except OSError as exc:
            self._show_message(
                _("The key could not be saved there ({reason}). Choose another place.").format(
                    reason=exc.strerror or exc.__class__.__name__
                ),
                error=True,
            )
            return
        self._show_message(
            _("Saved to {path}. Keep that file away from this laptop.").format(path=chosen)
        )


def save_recovery_key(path: Path, recovery_key: str) -> None:
    """Write the key file readable by its owner only (where the system allows)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(recovery_key_text(recovery_key))
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
