"""Issue 23, item 5 in the app: the lead closes several selected cases in one step, and anyone
saves the list as shown (its filter, its columns) as CSV through the file dialog."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from liaison_desktop.interchange.caseload_list import caseload_csv
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.family.closure_dialog import CloseManyDialog

from .ui_helpers import OP_TIMEOUT_MS, activate, caseload_section

ALT = Qt.KeyboardModifier.AltModifier


def test_the_lead_closes_two_selected_cases_at_once(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    c = Caseload(lead_vault)
    ids = [c.families.create({"name": f"Family {n}"}).id for n in ("A", "B", "C")]
    view = caseload_section(qtbot, c, data_dir, owner="Dana Lead", role="lead")
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 3, timeout=OP_TIMEOUT_MS)
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    chosen = set(view.selected_family_ids())
    assert len(chosen) == 2
    qtbot.keyClick(view.table, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: isinstance(view.close_many_dialog, CloseManyDialog))
    dialog = view.close_many_dialog
    assert isinstance(dialog, CloseManyDialog) and dialog.windowTitle() == "Close 2 cases"
    qtbot.waitUntil(dialog.isVisible)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(dialog.reason_edit.hasFocus)
    qtbot.keyClicks(dialog.reason_edit, "Moved to the new academy")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    closed = {f for f in ids if f in c.closures.closed_family_ids()}
    assert closed == chosen


def test_the_list_shown_is_saved_as_csv_with_its_columns(
    qtbot: QtBot, vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    c = Caseload(vault)
    c.families.create({"name": '=HYPERLINK("x") family', "postcode": "LS6 1AA"})
    c.families.create({"name": "Nowak family", "postcode": "CF10 1AA"})
    c.families.create({"name": "Other family", "postcode": "BD1 2ZZ"})
    view = caseload_section(qtbot, c, data_dir)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 3, timeout=OP_TIMEOUT_MS)
    view.filter_edit.setText("family")  # the filter applies after a short pause
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 3, timeout=OP_TIMEOUT_MS)
    view.filter_edit.setText("h")  # =HYPERLINK… and Other family, not Nowak
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2, timeout=OP_TIMEOUT_MS)
    shown = view.proxy.rowCount()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(lambda: isinstance(view.export_dialog, QFileDialog))
    chooser = view.export_dialog
    assert isinstance(chooser, QFileDialog)
    qtbot.waitUntil(chooser.isVisible)
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    out = tmp_path / "list.csv"
    name.setText(str(out))
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(out.exists, timeout=OP_TIMEOUT_MS)
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    headers, body = rows[0], rows[1:]
    assert headers[0] == view.proxy.headerData(0, Qt.Orientation.Horizontal)
    assert len(body) == shown
    assert all(not cell.startswith("=") for row in body for cell in row)
    assert any(row[0].startswith("'=HYPERLINK") for row in body)
    shared = [e for f in c.families.all() for e in c.sharing.for_family(f.id)]
    assert {e["what"] for e in shared} == {"caseload_list"} and len(shared) == shown
    assert "NOT encrypted" in view.import_label.text()


def test_formula_cells_are_made_inert() -> None:
    data = caseload_csv(["Name"], [["=1+1"], ["+44 161"], ["@SUM"], ["Plain"]])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[1:] == ["'=1+1", "'+44 161", "'@SUM", "Plain"]
