"""The family's Access log (issue 23): who viewed, changed or exported its records, for the
whole family or one child, read with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import activate


def test_the_access_log_lists_the_view_and_filters_by_child(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    zofia = caseload.people.members(family_id)[0]
    caseload.people.update(zofia.id, {"needs": "Glasses"})  # a change to the child's record
    page = make_page(family_id)  # opening the family is itself a view
    activate(qtbot, page.window())
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    access = page.access
    qtbot.waitUntil(lambda: access.model.rowCount() > 0)
    did = [access.model.index(r, 3).data() for r in range(access.model.rowCount())]
    assert "viewed" in did and "changed" in did
    # &Whose: the child; only views and exports.
    access.table.setFocus()
    qtbot.waitUntil(access.table.hasFocus)
    qtbot.keyClick(access.table, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(access.whose_combo.hasFocus)
    qtbot.keyClick(access.whose_combo, Qt.Key.Key_Down)
    assert access.whose_combo.currentData() == zofia.id
    child_rows = [access.model.index(r, 4).data() for r in range(access.model.rowCount())]
    assert "Person" in child_rows  # the child's own record changed
    qtbot.keyClick(access.whose_combo, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(access.only_access.isChecked)
    did = {access.model.index(r, 3).data() for r in range(access.model.rowCount())}
    assert did == {"viewed"}
    assert "never what the records say" in access.summary.text()
