"""Light, dark or the system's colour scheme, from the settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

_SCHEMES = {
    "system": Qt.ColorScheme.Unknown,  # Unknown means "follow the system"
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}


def apply_theme(app: QGuiApplication, theme: str) -> None:
    """Ask the platform style for `theme` ("system", "light" or "dark")."""
    app.styleHints().setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
