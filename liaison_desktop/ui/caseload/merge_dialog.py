"""The lead merges two records of one family, choosing which to keep."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import LiaisonError
from ...i18n import _
from ...services.family_merge_service import FamilyMergeService
from ..family.common import error_label, show_message


class MergeFamiliesDialog(QDialog):
    """Two family records, each with its postcode and pupils; the lead keeps one."""

    merged = Signal(str)  # the family kept

    def __init__(
        self,
        merge: FamilyMergeService,
        family_ids: tuple[str, str],
        labels: tuple[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._merge = merge
        self._ids = family_ids
        self.setWindowTitle(_("Merge two records of a family"))
        intro = QLabel(
            _(
                "Keep one record; everything recorded under the other moves to it, with its "
                "dates and authors unchanged, and the other record is deleted. Officers who "
                "held either get the one kept at their next sync. This cannot be undone."
            )
        )
        intro.setWordWrap(True)
        self.keep_buttons = [
            QRadioButton(_("Keep: {family}").format(family=label)) for label in labels
        ]
        self.keep_buttons[0].setChecked(True)
        self.message = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(
            _("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in self.keep_buttons:
            layout.addWidget(button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_merge)
        self.buttons.rejected.connect(self.reject)
        self.keep_buttons[0].setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def kept(self) -> tuple[str, str]:
        """(the family kept, the duplicate) as chosen."""
        first, second = self._ids
        return (first, second) if self.keep_buttons[0].isChecked() else (second, first)

    @Slot()
    def _on_merge(self) -> None:
        keep, duplicate = self.kept()
        try:
            self._merge.merge(keep, duplicate)
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        self.merged.emit(keep)
        self.accept()
