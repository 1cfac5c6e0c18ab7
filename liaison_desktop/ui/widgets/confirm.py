"""One question before something weighty: Cancel (the default) or the action named."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_confirm(
    parent: QWidget,
    title: str,
    text: str,
    action: str,
    on_confirm: Callable[[], None],
    *,
    role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.DestructiveRole,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:
    """Open a (non-blocking) question with `action` and Cancel, Cancel the default, so a
    stray Return changes nothing; `on_confirm()` runs only when `action` is pressed. The box
    deletes itself once answered; it is returned so a test can press its buttons."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    chosen = box.addButton(action, role)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def answered(_result: int) -> None:
        if box.clickedButton() is chosen:
            on_confirm()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box
