"""Asking before typed work is thrown away: a dialog's Cancel, Escape or close button.

A form dialog mixes in `DiscardGuard` (first among its bases); when it is first shown, its
fields' values are the starting point (or call `watch_for_changes()` to set it). Rejecting it
afterwards with anything changed asks "Discard your changes?" (Keep editing is the default,
so a stray Escape loses nothing); saving is never asked about. What counts as a change is the
text, choice or tick of every editable field in the dialog, compared with what it held when
watching began.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ...i18n import _


def field_values(root: QWidget) -> tuple[object, ...]:
    """What every editable field under `root` holds, in a fixed order."""
    found: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the combo or spin box is read itself
            found.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
            found.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            found.append(widget.currentText())
        elif isinstance(widget, QAbstractSpinBox):
            found.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            found.append(widget.isChecked())
    return tuple(found)


class DiscardGuard:
    """Mixed into a QDialog (first among its bases): rejecting with changes asks first."""

    _guard_start: tuple[object, ...] | None = None
    discard_box: QMessageBox | None = None

    def watch_for_changes(self) -> None:
        """Take the fields' present values as the starting point."""
        assert isinstance(self, QDialog)
        self._guard_start = field_values(self)

    def showEvent(self, event: QShowEvent) -> None:
        assert isinstance(self, QDialog)
        QDialog.showEvent(self, event)
        if self._guard_start is None:
            self.watch_for_changes()

    def has_unsaved_changes(self) -> bool:
        """Whether any field differs from when watching began."""
        assert isinstance(self, QDialog)
        return self._guard_start is not None and field_values(self) != self._guard_start

    def reject(self) -> None:
        assert isinstance(self, QDialog)
        if not self.has_unsaved_changes():
            QDialog.reject(self)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Discard your changes?"),
            _("What you typed in “{title}” has not been saved.").format(title=self.windowTitle()),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        discard = box.addButton(_("&Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.discard_box = box
        dialog = self

        def done() -> None:
            if box.clickedButton() is discard:
                dialog._guard_start = None  # asked once; close for real
                QDialog.reject(dialog)

        box.finished.connect(done)
        box.open()
