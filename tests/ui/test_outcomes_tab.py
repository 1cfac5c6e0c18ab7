"""The Outcomes tab through real widgets: scoring the wheel twice shows both in the radar chart."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from liaison_desktop.domain.outcomes import AREA_KEYS
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.family.outcomes_tab import OutcomesTab
from liaison_desktop.ui.widgets.radar_chart import LATEST_COLOUR, START_COLOUR, RadarChart

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import activate

CLICK = Qt.MouseButton.LeftButton
FIRST = {k: v for k, v in zip(AREA_KEYS, (2, 3, 4, 3, 2, 5, 4, 2), strict=True)}
SECOND = {k: v for k, v in zip(AREA_KEYS, (6, 7, 6, 5, 7, 8, 6, 7), strict=True)}


def open_outcomes(qtbot: QtBot, page: FamilyPage) -> OutcomesTab:
    """Switch to the Outcomes tab as a person would (Ctrl+Shift+Tab from the first tab, round
    to the last but two) and wait for it to be built."""
    activate(qtbot, page.window())
    page.tabs.setFocus()
    qtbot.waitUntil(page.tabs.hasFocus)
    back = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(
        page.tabs.count()
        - [page.tabs.tabText(i) for i in range(page.tabs.count())].index("Outcomes")
    ):
        qtbot.keyClick(page.tabs, Qt.Key.Key_Backtab, back)
    qtbot.waitUntil(lambda: page.tabs.currentWidget() is page.outcomes)
    tab = page.outcomes
    qtbot.waitUntil(lambda: tab._built)
    qtbot.waitUntil(tab.form.save_button.isVisible)
    qtbot.waitUntil(tab.chart.isVisible)
    return tab


def score(qtbot: QtBot, tab: OutcomesTab, scores: dict[str, int], day: QDate, who: str) -> None:
    """Type each score into its spin box, fill in the sitting and press Record scoring."""
    form = tab.form
    for key, value in scores.items():
        spin = form.spins[key]
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, str(value))
        qtbot.keyClick(spin, Qt.Key.Key_Tab)
        assert spin.value() == value
    form.date_edit.setDate(day)
    form.present_edit.setText(who)
    qtbot.mouseClick(form.save_button, CLICK)


def has_colour_near(image: QImage, at: QPoint, colour: str, radius: int = 3) -> bool:
    """Whether some pixel within `radius` of `at` is close to `colour`."""
    want = QColor(colour)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            x, y = at.x() + dx, at.y() + dy
            if not (0 <= x < image.width() and 0 <= y < image.height()):
                continue
            got = image.pixelColor(x, y)
            if (
                abs(got.red() - want.red())
                + abs(got.green() - want.green())
                + abs(got.blue() - want.blue())
                < 60
            ):
                return True
    return False


def vertex_pixels(chart: RadarChart, image: QImage, series: int) -> list[QPoint]:
    ratio = image.devicePixelRatio()
    return [
        QPoint(
            round(chart.vertex(series, axis).x() * ratio),
            round(chart.vertex(series, axis).y() * ratio),
        )
        for axis in range(len(AREA_KEYS))
    ]


def test_scoring_the_wheel_twice_shows_both_scorings_in_the_radar_chart(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    page.window().resize(1366, 768)
    tab = open_outcomes(qtbot, page)
    chart = tab.chart
    assert chart.series == []

    today = QDate.currentDate()
    score(qtbot, tab, FIRST, today.addDays(-70), "Mum (Ewa)")
    score(qtbot, tab, SECOND, today, "Ewa and Zofia")

    # Stored as a start and a review.
    history = caseload.outcomes.history(family_id)
    assert [s.stage for s in history] == ["start", "review"]
    assert [s.family_present for s in history] == ["Mum (Ewa)", "Ewa and Zofia"]

    # The chart's series: both scorings, oldest first, in the start and latest colours.
    assert [s.values for s in chart.series] == [
        tuple(float(FIRST[k]) for k in AREA_KEYS),
        tuple(float(SECOND[k]) for k in AREA_KEYS),
    ]
    assert [s.colour for s in chart.series] == [START_COLOUR, LATEST_COLOUR]
    assert chart.series[0].label.startswith("Start · " + today.addDays(-70).toString("yyyy-MM-dd"))
    assert chart.series[1].label.startswith("Review · " + today.toString("yyyy-MM-dd"))

    # The rendered pixels: each polygon is drawn at its own vertices in its own colour.
    qtbot.waitExposed(chart)
    image = chart.grab().toImage()
    first_points = vertex_pixels(chart, image, 0)
    second_points = vertex_pixels(chart, image, 1)
    assert all(has_colour_near(image, p, START_COLOUR) for p in first_points)
    assert all(has_colour_near(image, p, LATEST_COLOUR) for p in second_points)
    # ...and not just anywhere: the first scoring's vertices are not orange.
    assert not any(has_colour_near(image, p, LATEST_COLOUR) for p in first_points)

    # The text alternative lists both scorings with every score, for a screen reader.
    description = chart.accessibleDescription()
    assert "Health and wellbeing 4" in description.splitlines()[0]
    assert "Connection to the community 7" in description.splitlines()[1]

    # History, newest first, and the change since the start in words.
    assert [tab.model.row_at(i).stage for i in range(2)] == ["review", "start"]
    assert "+4 Home and money" in tab.change_label.text()
    assert "+5 Connection to the community" in tab.change_label.text()

    # And the chronology shows both sittings.
    chronology = [
        e for e in caseload.chronology.for_family(family_id) if e.kind == "outcome_review"
    ]
    assert len(chronology) == 2


def test_an_area_left_unscored_is_named_and_nothing_is_saved(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    tab = open_outcomes(qtbot, page)
    partial = dict(FIRST)
    del partial["safety"]
    for key, value in partial.items():
        tab.form.spins[key].setValue(value)
    qtbot.mouseClick(tab.form.save_button, CLICK)
    assert tab.form.message.isVisible()
    assert "Safety" in tab.form.message.text()
    assert tab.form.spins["safety"].hasFocus()
    assert caseload.outcomes.history(family_id) == []
    assert tab.chart.series == []


def test_the_tab_is_built_only_when_first_shown(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    assert not page.outcomes._built
    open_outcomes(qtbot, page)
    assert page.outcomes._built


def test_every_area_has_a_labelled_spin_box_with_its_description(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    tab = open_outcomes(qtbot, page)
    for spin in tab.form.spins.values():
        assert spin.accessibleName()
        assert "1:" in spin.accessibleDescription() and "10:" in spin.accessibleDescription()
        assert spin.focusPolicy() & Qt.FocusPolicy.TabFocus
