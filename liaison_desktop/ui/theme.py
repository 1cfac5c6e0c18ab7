"""Light, dark or the system's colour scheme, from the settings, always with readable text."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

_asked_for_a_scheme = False  # whether this run ever asked the style for light or dark


def apply_theme(app: QGuiApplication, theme: str) -> None:
    """Use `theme` ("system", "light" or "dark").

    "light" and "dark" set the app's own palettes (ui/palettes.py): the style's colour scheme
    alone leaves Fusion light where the desktop has no dark palette. "system" keeps the
    desktop's palette; `repair_palette` makes every text colour in it read at 4.5:1 when the
    set-up or the main window opens. Not before the unlock window: repairing loads the `Qt`
    namespace (about 20 ms, see docs/decisions.md), and the unlock window's text (plain,
    secondary and error labels, the passphrase field) reads at 4.5:1 in the desktop palette.
    """
    global _asked_for_a_scheme
    if theme in ("light", "dark"):
        from PySide6.QtCore import Qt

        from .palettes import palette_for

        scheme = Qt.ColorScheme.Light if theme == "light" else Qt.ColorScheme.Dark
        app.styleHints().setColorScheme(scheme)
        app.setPalette(palette_for(theme))
        _asked_for_a_scheme = True
        return
    if _asked_for_a_scheme:  # back to the system's: forget the app's palette
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPalette

        app.styleHints().setColorScheme(Qt.ColorScheme.Unknown)
        app.setPalette(QPalette())
        _asked_for_a_scheme = False
        repair_palette(app)


def repair_palette(app: QGuiApplication) -> None:
    """Make the palette in use readable (a no-op for the app's own light and dark ones)."""
    from .palettes import repaired

    app.setPalette(repaired(app.palette()))
