"""Every theme the app offers reads at 4.5:1, shows a 3-pixel focus ring in a colour that
stands out from the window, and "dark" is dark: read from the application's real palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from liaison_desktop.ui.contrast import contrast, luminance
from liaison_desktop.ui.focus_ring import RING_WIDTH, focus_ring, install_focus_ring
from liaison_desktop.ui.palettes import GROUPS, TEXT_ON
from liaison_desktop.ui.theme import apply_theme, repair_palette
from liaison_desktop.ui.widgets.styles import apply_error_style, muted

Role = QPalette.ColorRole
THEMES = ("system", "light", "dark")


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


@pytest.fixture
def theme(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    name = str(request.param)
    apply_theme(app(), name)
    if name == "system":
        repair_palette(app())  # what opening the main window or the set-up does
    yield name
    apply_theme(app(), "system")
    app().setPalette(QPalette())  # what every other test runs with


@pytest.mark.parametrize("theme", THEMES, indirect=True)
def test_every_text_colour_reads_at_4_5_to_1(theme: str) -> None:
    palette = app().palette()
    for group in GROUPS:
        for text_role, background_role in TEXT_ON:
            text, background = (
                palette.color(group, text_role),
                palette.color(group, background_role),
            )
            assert text.alpha() == 255, (theme, text_role)  # judged as seen, not translucent
            ratio = contrast(text, background)
            assert ratio >= 4.5, (theme, group, text_role, background_role, round(ratio, 2))
        window, highlight = palette.color(group, Role.Window), palette.color(group, Role.Highlight)
        assert contrast(highlight, window) >= 3.0, (theme, "focus ring and selection")
    window = palette.color(Role.Window)
    if theme == "dark":
        assert luminance(window) < 0.05  # dark means dark, whatever the platform theme
    if theme == "light":
        assert luminance(window) > 0.8


@pytest.mark.parametrize("theme", THEMES, indirect=True)
def test_secondary_and_error_text_read_in_the_theme(qtbot: QtBot, theme: str) -> None:
    secondary, error = QLabel("Not synced yet"), QLabel("Nothing was saved")
    for label in (secondary, error):
        qtbot.addWidget(label)
    muted(secondary)
    apply_error_style(error)
    window = app().palette().color(Role.Window)
    for label in (secondary, error):
        shown = label.palette().color(Role.WindowText)
        assert contrast(shown, window) >= 4.5, (theme, label.text(), shown.name())


@pytest.mark.parametrize("theme", THEMES, indirect=True)
def test_the_focus_ring_is_three_pixels_of_the_highlight_when_the_app_moves_focus(
    qtbot: QtBot, theme: str
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    first, second = QLineEdit(), QLineEdit()
    layout.addWidget(first)
    layout.addWidget(second)
    install_focus_ring(app())
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    second.setFocus()  # the app moves the focus, no key pressed
    qtbot.waitUntil(lambda: (r := focus_ring()) is not None and r.widget() is second)
    ring = focus_ring()
    assert ring is not None and ring.isVisible()
    assert RING_WIDTH >= 2
    image = ring.grab().toImage()
    highlight = app().palette().color(Role.Highlight)
    middle = image.width() // 2

    def near(colour: QColor) -> bool:
        return (
            sum(
                abs(a - b) for a, b in zip(colour.getRgb()[:3], highlight.getRgb()[:3], strict=True)
            )
            < 90
        )

    # The top edge of the ring: at least two rows of the highlight colour, at 100 %.
    rows = [near(image.pixelColor(middle, y)) for y in range(RING_WIDTH + 1)]
    assert sum(rows) >= 2, (theme, [image.pixelColor(middle, y).name() for y in range(4)])
