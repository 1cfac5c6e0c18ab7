"""Which header of the pupil list holds each column: the guess, for the officer to change.

Each column the import knows has a list of the file's headers (and "Not in this file"),
set to the header the import chose. The choice is used for the preview straight away, and
remembered for next term's list once the list is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...interchange.pupil_columns import COLUMN_LABELS, SYNONYMS
from ..widgets.scroll_area import quiet
from ..widgets.styles import muted


class PupilColumnsDialog(QDialog):
    """One drop-down per column, listing the file's headers."""

    def __init__(
        self,
        headers: Sequence[str],
        mapping: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Columns of the pupil list"))
        intro = muted(
            QLabel(
                _(
                    "Which of the file's columns holds each detail. Forename, surname and date "
                    "of birth are needed; the rest can be left out."
                )
            )
        )
        intro.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for canonical in SYNONYMS:
            combo = QComboBox()
            combo.addItem(_("Not in this file"), "")
            for header in headers:
                combo.addItem(header, header)
            chosen = mapping.get(canonical, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            label = COLUMN_LABELS[canonical]
            combo.setAccessibleName(label)
            form.addRow(label[:1].upper() + label[1:], combo)
            self.combos[canonical] = combo
        body = QWidget()
        body.setLayout(form)
        scroll = quiet(QScrollArea())
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Use these columns"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, 560)

    def mapping(self) -> dict[str, str]:
        """Column → header, for every column given a header."""
        return {
            canonical: str(combo.currentData())
            for canonical, combo in self.combos.items()
            if combo.currentData()
        }
