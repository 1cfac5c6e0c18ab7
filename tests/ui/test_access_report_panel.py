"""Records → Access report (issue 23): the data protection officer's view of who viewed or
exported which family, read off the GUI thread, with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.records.records_view import RecordsView

from .ui_helpers import OP_TIMEOUT_MS, activate


def test_the_access_report_counts_views_per_person_and_family(
    qtbot: QtBot, lead_vault: Vault
) -> None:
    c = Caseload(lead_vault)
    nowak = c.families.create({"name": "Nowak family", "postcode": "CF10 1AA"}).id
    other = c.families.create({"name": "Other family"}).id
    for _time in range(3):
        c.families.view(nowak)
    c.families.view(other)
    view = RecordsView(c)
    qtbot.addWidget(view)
    view.show()
    activate(qtbot, view)
    qtbot.keyClick(view.tabs, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.access.isVisible)
    qtbot.keyClick(view.access.from_edit, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.access.model.rowCount() == 2, timeout=OP_TIMEOUT_MS)
    first = [view.access.model.index(0, col).data() for col in range(5)]
    assert first[2] == "Nowak family · CF10 1AA" and first[3] == "3" and first[4] == "0"
    assert "4 views and 0 exports" in view.access.summary.text()
