"""Light, dark or the system's colour scheme, from the settings."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

_asked_for_a_scheme = False  # whether this run ever asked the style for light or dark


def apply_theme(app: QGuiApplication, theme: str) -> None:
    """Ask the platform style for `theme` ("system", "light" or "dark").

    "system" is what the style does anyway, so at start-up it costs nothing: the `Qt`
    namespace (about 20 ms to load, see docs/decisions.md) is only touched to change it.
    """
    global _asked_for_a_scheme
    if theme not in ("light", "dark") and not _asked_for_a_scheme:
        return
    from PySide6.QtCore import Qt

    schemes = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
    # Unknown means "follow the system".
    app.styleHints().setColorScheme(schemes.get(theme, Qt.ColorScheme.Unknown))
    _asked_for_a_scheme = theme in schemes
