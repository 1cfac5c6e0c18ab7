"""Records → Transfers with the keyboard: the overdue transfer in bold words, its receipt
confirmed (Alt+R, Return), the school calendar set by the lead."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.records.transfers_panel import CalendarDialog, ReceiptDialog, TransfersPanel

from .ui_helpers import activate

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def test_an_overdue_transfer_is_confirmed_and_the_calendar_set(
    qtbot: QtBot, lead_vault: Vault
) -> None:
    c = Caseload(lead_vault)
    fid = c.families.create({"name": "Okafor family"}).id
    pupil = c.people.create({"family_id": fid, "given_name": "Tobi", "role": "pupil"}).id
    left = date.today() - timedelta(days=21)
    c.transfers.create(
        {"person_id": pupil, "family_id": fid, "receiving_school": "Ysgol Demo",
         "left_on": left.isoformat(), "sent_on": left.isoformat(), "sent_by": "Dana Lead"}
    )  # fmt: skip
    panel = TransfersPanel(c)
    qtbot.addWidget(panel)
    panel.show()
    activate(qtbot, panel)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data() == "Tobi"
    assert panel.model.index(0, 6).data() == "Overdue: chase the new school"
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, NONE)
    qtbot.keyClick(panel.table, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), ReceiptDialog))
    receipt = QApplication.activeWindow()
    assert isinstance(receipt, ReceiptDialog)
    qtbot.keyClick(receipt.day_edit, Qt.Key.Key_B, ALT)
    qtbot.keyClicks(QApplication.focusWidget(), "Mr Jones")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, NONE)
    qtbot.waitUntil(lambda: not receipt.isVisible())
    assert panel.model.rowCount() == 0
    (transfer,) = c.transfers.of_pupil(pupil)
    assert transfer.confirmed and transfer.record["received_by"] == "Mr Jones"

    activate(qtbot, panel)
    panel.calendar_button.setFocus()
    qtbot.keyClick(panel.calendar_button, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), CalendarDialog))
    calendar = QApplication.activeWindow()
    assert isinstance(calendar, CalendarDialog)
    qtbot.keyClick(calendar.nation_combo, Qt.Key.Key_I, ALT)
    qtbot.keyClicks(QApplication.focusWidget(), "2026-09-01, 2026-10-23")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, NONE)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert c.transfers.inset_days() == (date(2026, 9, 1), date(2026, 10, 23))
