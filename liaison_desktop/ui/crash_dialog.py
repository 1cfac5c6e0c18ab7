"""What an officer sees when something unexpected goes wrong (the hooks that catch it are in
`crash_handler`, which builds this dialog only when there is something to show).

Every error nobody handled ends here: one escaping a slot or a Qt virtual (PySide6 passes
those to `sys.excepthook`), one ending a Python thread (`threading.excepthook`) and one in a
background op (`crash_sink.set_crash_reporter`). Each becomes a `crash_report.CrashReport` where it
happened (no case data in it), travels to the GUI thread through a queued signal and is shown
in one dialog: a second error while it is open only raises the dialog's count, so a timer
failing every few milliseconds cannot bury the officer in windows. The report is never
written anywhere unless the officer saves it, and never logged beyond its crash id.

Whatever was being written when the error struck was rolled back by `Vault.transaction()`
before the error reached here, so "nothing you saved has been lost" holds; "Lock and close"
goes through the session controller, which closes the vault and wipes its key.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..crash_report import CrashReport
from ..i18n import _, ngettext
from .file_dialogs import open_save_dialog
from .widgets.styles import apply_error_style, heading


class CrashDialog(QDialog):
    """The report of one unexpected error, ways to pass it on, and what to do next."""

    lock_and_close_requested = Signal()

    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.repeats = 0
        self.save_dialog: QFileDialog | None = None
        self.setWindowTitle(_("Something went wrong"))
        self.setModal(True)

        title = heading(_("Something went wrong. Nothing you saved has been lost."))
        explanation = QLabel(
            _(
                "Liaison Desktop met a problem it did not expect. Everything saved before it "
                "is safe in your vault; a change you were making at that moment may not have "
                "been saved, so check it. If this keeps happening, copy or save the report "
                "below and send it to your IT support. It holds no names, notes or addresses: "
                "only which part of the program failed."
            )
        )
        explanation.setWordWrap(True)

        self.report_edit = QPlainTextEdit(report.text())
        self.report_edit.setReadOnly(True)
        self.report_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_edit.setAccessibleName(_("Crash report"))
        report_label = QLabel(
            _("&Report for IT support (crash id {id}):").format(id=report.crash_id)
        )
        report_label.setBuddy(self.report_edit)

        self.repeat_label = QLabel()
        self.repeat_label.setWordWrap(True)
        self.repeat_label.hide()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.copy_button = QPushButton(_("&Copy report"))
        self.save_button = QPushButton(_("&Save report…"))
        self.keep_button = QPushButton(_("&Keep working"))
        self.keep_button.setDefault(True)
        self.lock_button = QPushButton(_("&Lock and close"))
        self.lock_button.setToolTip(
            _("Lock the vault and close Liaison Desktop; unlock it again when you restart.")
        )

        pass_on_row = QHBoxLayout()
        pass_on_row.addWidget(self.copy_button)
        pass_on_row.addWidget(self.save_button)
        pass_on_row.addStretch(1)
        choice_row = QHBoxLayout()
        choice_row.addStretch(1)
        choice_row.addWidget(self.lock_button)
        choice_row.addWidget(self.keep_button)

        metrics = self.fontMetrics()
        # A paragraph's width for the words, and room for the report's longest frames.
        self.setMinimumWidth(metrics.averageCharWidth() * 64)
        self.report_edit.setMinimumHeight(metrics.height() * 8)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addWidget(self.repeat_label)
        layout.addWidget(report_label)
        layout.addWidget(self.report_edit, 1)
        layout.addLayout(pass_on_row)
        layout.addWidget(self.message_label)
        layout.addLayout(choice_row)
        self._connect()

    def _connect(self) -> None:
        self.copy_button.clicked.connect(self._on_copy)
        self.save_button.clicked.connect(self._on_save)
        self.keep_button.clicked.connect(self.accept)
        self.lock_button.clicked.connect(self._on_lock)

    def note_repeat(self) -> None:
        """Another unexpected error happened while this dialog was open: count it."""
        self.repeats += 1
        self.repeat_label.setText(
            ngettext(
                "It happened again {n} more time since this window opened. If it keeps "
                "happening, choose Lock and close.",
                "It happened again {n} more times since this window opened. If it keeps "
                "happening, choose Lock and close.",
                self.repeats,
            ).format(n=self.repeats)
        )
        self.repeat_label.show()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        if error:
            apply_error_style(self.message_label)
        self.message_label.setText(text)
        self.message_label.show()

    @Slot()
    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text())
        self._show_message(_("The report is copied. Paste it into your message to IT support."))

    @Slot()
    def _on_save(self) -> None:
        self.save_dialog = open_save_dialog(
            self,
            _("Save crash report"),
            name_filter=_("Text files (*.txt)"),
            suggested_name=_("liaison-crash-{id}.txt").format(
                id=self.report.crash_id.replace("-", "")
            ),
            on_chosen=self.save_to,
        )

    @Slot(str)
    def save_to(self, chosen: str) -> None:
        """Write the report (and nothing else) to the file the officer chose."""
        try:
            Path(chosen).write_text(self.report.text(), encoding="utf-8")
        except OSError as exc:
            self._show_message(
                _("The report could not be saved there ({reason}). Choose another place.").format(
                    reason=exc.strerror or exc.__class__.__name__
                ),
                error=True,
            )
            return
        self._show_message(_("Saved to {path}.").format(path=chosen))

    @Slot()
    def _on_lock(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
        self.lock_and_close_requested.emit()
