"""Keyboard basics everywhere: Tab never stays in a date field, Return submits the form it is
in, and the focused control has a ring anyone can see."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.focus_ring import RING_WIDTH, focus_ring, install_focus_ring
from liaison_desktop.ui.tab_order import install_tab_order

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import activate


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


def test_tab_and_shift_tab_pass_through_a_date_field_in_one_press(qtbot: QtBot) -> None:
    install_tab_order(app())
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    before, date, after = QLineEdit(), QDateEdit(QDate(2020, 1, 2)), QLineEdit()
    date.setDisplayFormat("yyyy-MM-dd")
    for widget in (before, date, after):
        layout.addWidget(widget)
    window.show()
    activate(qtbot, window)
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is date
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # Qt alone: on to "month"
    assert QApplication.focusWidget() is after
    qtbot.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert QApplication.focusWidget() is before
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # arrows still change the date
    assert date.date() != QDate(2020, 1, 2)


def test_return_in_a_family_form_saves_it(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    activate(qtbot, page.window())
    overview = page.overview
    overview.phone_edit.setFocus()
    qtbot.keyClicks(overview.phone_edit, "0113 496 0000")
    qtbot.keyClick(overview.phone_edit, Qt.Key.Key_Return)
    assert caseload.families.get(family_id)["phone"] == "+441134960000"
    assert not overview.has_unsaved_changes()

    page.tabs.setCurrentWidget(page.consents)
    consents = page.consents
    consents.scope_edit.setFocus()
    qtbot.keyClicks(consents.scope_edit, "Share with school nurse")
    qtbot.keyClicks(consents.given_by_edit, "Mum")
    qtbot.keyClick(consents.given_by_edit, Qt.Key.Key_Return)
    assert [c["scope"] for c in caseload.consents.for_family(family_id)] == [
        "Share with school nurse"
    ]


def test_the_focused_control_has_a_thick_ring_that_follows_the_focus(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)  # a main window installs the ring
    install_focus_ring(app())
    activate(qtbot, page.window())
    page.overview.name_edit.setFocus()
    qtbot.waitUntil(lambda: focus_ring() is not None and focus_ring().isVisible())  # type: ignore[union-attr]
    ring = focus_ring()
    assert ring is not None and ring.widget() is page.overview.name_edit
    # The ring surrounds the field, outside its edge.
    assert ring.width() > page.overview.name_edit.width()
    image = ring.grab().toImage()
    highlight = ring.palette().color(ring.palette().ColorRole.Highlight)
    edge = image.pixelColor(image.width() // 2, RING_WIDTH // 2 + 1)
    assert abs(edge.red() - highlight.red()) + abs(edge.blue() - highlight.blue()) < 60
    page.overview.email_edit.setFocus()  # moved by the app, not a key: the ring follows
    qtbot.waitUntil(lambda: ring.widget() is page.overview.email_edit)
