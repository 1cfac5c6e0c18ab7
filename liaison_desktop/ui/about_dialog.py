"""Help → About: the app's name, version, icon and licence note."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..i18n import _
from .app_icon import app_icon
from .widgets.styles import heading, muted

ICON_SIZE = 96  # logical pixels; the icon's larger PNGs keep it sharp at 200 %


def version_line() -> str:
    """The line About shows, e.g. "Version 0.1.0"."""
    return _("Version {version}").format(version=__version__)


class AboutDialog(QDialog):
    """Who made this and which version it is; IT support asks for the version first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Liaison Desktop"))
        icon = app_icon()
        self.setWindowIcon(icon)

        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon.pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        self.icon_label.setAccessibleName(_("Liaison Desktop icon"))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.name_label = heading(_("Liaison Desktop"))
        self.version_label = QLabel(version_line())
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.version_label.setAccessibleName(version_line())
        summary = QLabel(
            _(
                "An encrypted caseload for family liaison officers and safeguarding leads. "
                "Your records stay on this computer, encrypted with your passphrase."
            )
        )
        summary.setWordWrap(True)
        self.licence_label = muted(
            QLabel(
                _(
                    "Proprietary software, supplied to your school or council under its "
                    "licence terms. Built with Qt for Python (PySide6, LGPL v3), SQLCipher (BSD), "
                    "reportlab (BSD) and the DejaVu fonts (free licence)."
                )
            )
        )

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(self.name_label)
        text.addWidget(self.version_label)
        text.addSpacing(self.fontMetrics().height() // 2)
        text.addWidget(summary)
        text.addWidget(self.licence_label)
        text.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.icon_label)
        row.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        # Wide enough for the paragraphs to read as paragraphs, in the font in use.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
