"""Text colours that stay readable: WCAG 2.2 contrast (4.5:1 for normal text) against the
background they are drawn on, in the light and the dark theme alike."""

from __future__ import annotations

from PySide6.QtGui import QColor

NORMAL_TEXT = 4.5
MARGIN = 0.1  # aim a little above the line, so rounding never lands below it


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: QColor, background: QColor, towards: QColor,
             ratio: float = NORMAL_TEXT) -> QColor:  # fmt: skip
    """`colour`, moved towards `towards` (the full text colour) just far enough to reach
    `ratio` against `background`; unchanged when it already does."""
    if contrast(colour, background) >= ratio + MARGIN:
        # Itself, not a copy: QColor's copy constructor loads the `Qt` namespace (~20 ms)
        # before the first window (docs/decisions.md, "First window").
        return colour
    for step in range(1, 21):
        share = step / 20
        mixed = QColor.fromRgbF(
            colour.redF() + (towards.redF() - colour.redF()) * share,
            colour.greenF() + (towards.greenF() - colour.greenF()) * share,
            colour.blueF() + (towards.blueF() - colour.blueF()) * share,
        )
        if contrast(mixed, background) >= ratio + MARGIN:
            return mixed
    return towards
