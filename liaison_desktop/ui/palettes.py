"""The app's light and dark palettes, and the repair that makes any palette's text readable.

Asking the style for a dark colour scheme is not enough: on a desktop whose platform theme
has no dark palette (and offscreen) Fusion stays light, so "dark" changed nothing. The app
sets its own light or dark palette when the person chooses one. Whatever palette is in use
(the desktop's for "system"), `repaired` moves every text colour that reads below 4.5:1
against its background just far enough, makes the translucent placeholder text opaque and
readable, and keeps the highlight (the focus ring and selected rows) at 3:1 against the
window with its text at 4.5:1 on it (WCAG 2.2 1.4.3 and 1.4.11).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from .contrast import NORMAL_TEXT, contrast, readable

Role = QPalette.ColorRole
NON_TEXT = 3.0  # focus indicators and other parts of controls (WCAG 1.4.11)

LIGHT = {
    Role.Window: "#efefef",
    Role.WindowText: "#1b1b1b",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f4f4f4",
    Role.Text: "#1b1b1b",
    Role.Button: "#e6e6e6",
    Role.ButtonText: "#1b1b1b",
    Role.Highlight: "#1c5c94",
    Role.HighlightedText: "#ffffff",
    Role.ToolTipBase: "#fffbe0",
    Role.ToolTipText: "#1b1b1b",
    Role.PlaceholderText: "#5c5c5c",
    Role.Link: "#0b57a4",
    Role.LinkVisited: "#6a2c91",
    Role.BrightText: "#ffffff",
}
DARK = {
    Role.Window: "#2b2b2b",
    Role.WindowText: "#f0f0f0",
    Role.Base: "#1f1f1f",
    Role.AlternateBase: "#282828",
    Role.Text: "#f0f0f0",
    Role.Button: "#3a3a3a",
    Role.ButtonText: "#f0f0f0",
    Role.Highlight: "#8ab4f8",
    Role.HighlightedText: "#101010",
    Role.ToolTipBase: "#3a3a3a",
    Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#b0b0b0",
    Role.Link: "#8ab4f8",
    Role.LinkVisited: "#d7aefb",
    Role.BrightText: "#101010",
}
# (text role, background role): every pair a person reads.
TEXT_ON = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
    (Role.LinkVisited, Role.Base),
)
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def palette_for(theme: str) -> QPalette:
    """The app's own light or dark palette (Fusion's shades worked out from its button and
    window colours), repaired."""
    colours = DARK if theme == "dark" else LIGHT
    palette = QPalette(QColor(colours[Role.Button]), QColor(colours[Role.Window]))
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    # Disabled controls: dimmer, still legible.
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        dimmed = QColor(colours[role])
        dimmed.setAlphaF(0.55)
        palette.setColor(QPalette.ColorGroup.Disabled, role, dimmed)
    return repaired(palette)


def repaired(palette: QPalette) -> QPalette:
    """`palette` with every text colour readable and the highlight visible (a copy)."""
    fixed = QPalette(palette)
    for group in GROUPS:
        window = fixed.color(group, Role.Window)
        highlight = fixed.color(group, Role.Highlight)
        if contrast(highlight, window) < NON_TEXT:
            away = QColor("#000000" if _is_light(window) else "#ffffff")
            fixed.setColor(group, Role.Highlight, readable(highlight, window, away, NON_TEXT))
        for text_role, background_role in TEXT_ON:
            background = fixed.color(group, background_role)
            # Placeholder text is drawn translucent: judge (and keep) the colour seen.
            text = _over(fixed.color(group, text_role), background)
            towards = QColor("#000000" if _is_light(background) else "#ffffff")
            fixed.setColor(group, text_role, readable(text, background, towards, NORMAL_TEXT))
    return fixed


def _over(colour: QColor, background: QColor) -> QColor:
    """The opaque colour `colour` shows as when drawn on `background`."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def _is_light(colour: QColor) -> bool:
    return contrast(colour, QColor("#000000")) > contrast(colour, QColor("#ffffff"))
