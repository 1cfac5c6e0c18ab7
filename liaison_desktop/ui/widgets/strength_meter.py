"""A live passphrase strength meter: a bar, a label in words and advice."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from ...domain.passphrase import Strength, assess
from ...i18n import _

# Bar colours by score; the label always says the strength in words too, so colour is never
# the only signal (colour-blind officers, greyscale printouts of screenshots).
_COLOURS = ("#b3261e", "#d9480f", "#b08800", "#2f7d32", "#1b5e20")


class StrengthMeter(QWidget):
    """Shows `domain.passphrase.assess` for the passphrase being typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strength: Strength | None = None
        self._bar = QProgressBar()
        self._bar.setRange(0, 5)  # score + 1, so "very weak" still shows a sliver
        self._bar.setTextVisible(False)
        self._bar.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        self._bar.setAccessibleName(_("Passphrase strength"))
        self._label = QLabel()
        self._label.setMinimumWidth(self.fontMetrics().horizontalAdvance(_("Very weak")) + 8)
        self._advice = QLabel()
        self._advice.setWordWrap(True)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._bar, 1)
        row.addWidget(self._label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self._advice)
        self.set_passphrase("")

    def set_passphrase(self, passphrase: str) -> None:
        """Re-assess and redraw for `passphrase` ("" shows an empty meter)."""
        if not passphrase:
            self._strength = None
            self._bar.setValue(0)
            self._label.setText("")
            self._advice.setText(_("Use four or more ordinary words that are not a quotation."))
            return
        strength = assess(passphrase)
        self._strength = strength
        self._bar.setValue(strength.score + 1)
        self._bar.setStyleSheet(
            f"QProgressBar::chunk {{ background-color: {_COLOURS[strength.score]}; }}"
        )
        self._label.setText(strength.label)
        self._advice.setText(strength.advice)

    @property
    def strength(self) -> Strength | None:
        """The last assessment, or None while the field is empty."""
        return self._strength

    def label_text(self) -> str:
        return self._label.text()

    def advice_text(self) -> str:
        return self._advice.text()
