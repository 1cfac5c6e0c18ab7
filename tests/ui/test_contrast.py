"""Secondary and error text read at 4.5:1 or better, in a light and a dark palette."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from liaison_desktop.ui.contrast import contrast
from liaison_desktop.ui.widgets.styles import apply_error_style, muted

PALETTES = {
    # Fusion's own light and dark greys (the grey secondary text was 3.89:1 on light).
    "light": ("#efefef", "#000000", "#808080"),
    "dark": ("#2b2b2b", "#ffffff", "#7f7f7f"),
}


def test_the_contrast_ratio_is_wcags() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", list(PALETTES))
def test_muted_and_error_text_reach_4_5_to_1(qtbot: QtBot, theme: str) -> None:
    window, text, grey = (QColor(c) for c in PALETTES[theme])
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, window)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.PlaceholderText, grey)
    assert contrast(grey, window) < 4.5  # the palette's own grey is too faint
    secondary, error = QLabel("Not synced yet"), QLabel("Nothing was saved")
    for label in (secondary, error):
        qtbot.addWidget(label)
        label.setPalette(palette)
    muted(secondary)
    apply_error_style(error)
    for label in (secondary, error):
        shown = label.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(shown, window) >= 4.5, (theme, label.text(), shown.name())
    # Secondary text still looks secondary: lighter than the main text on light, and so on.
    assert secondary.palette().color(QPalette.ColorRole.WindowText) != text
