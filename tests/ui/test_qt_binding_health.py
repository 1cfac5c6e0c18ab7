"""Guard the pinned Qt binding against the None-refcount bug of PySide6 6.12.0.

PySide6 6.12.0 dropped a reference to None on every call of a void static method
(QApplication.processEvents) and on every empty QVariant it returned (QModelIndex.data(),
QComboBox.currentData()); a long session aborted with "deallocating None". The pin is 6.11.3.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

CALLS = 2000


def test_calls_that_return_nothing_keep_none_alive(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        QApplication.processEvents()
        QModelIndex().data()
        combo.currentData()
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"{lost} references to None lost in {CALLS} rounds"
