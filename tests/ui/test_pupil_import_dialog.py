"""The officer imports this term's pupil list from the Caseload section with the keyboard and
the mouse: a preview of every pupil, a sibling given a family of their own, then the import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from liaison_desktop.interchange.pupil_refresh import NEW, UNCHANGED
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.pupil_columns_dialog import PupilColumnsDialog
from liaison_desktop.ui.caseload.pupil_import_dialog import OWN_FAMILY, PupilImportDialog
from tests.interchange.test_pupil_refresh import ARBOR, BROMCOM, pupils_by_upn

from .ui_helpers import OP_TIMEOUT_MS, caseload_section

ALT = Qt.KeyboardModifier.AltModifier


def open_dialog(qtbot: QtBot, vault: Vault, data_dir: Path) -> tuple[Caseload, PupilImportDialog]:
    caseload = Caseload(vault)
    view = caseload_section(qtbot, caseload, data_dir)
    qtbot.keyClick(view.window(), Qt.Key.Key_L, ALT)  # "Import pupil &list…"
    qtbot.waitUntil(lambda: isinstance(view.import_dialog, PupilImportDialog), timeout=2_000)
    dialog = view.import_dialog
    assert isinstance(dialog, PupilImportDialog)
    qtbot.waitExposed(dialog)
    return caseload, dialog


def test_preview_then_import_writes_what_was_shown(
    qtbot: QtBot, vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    caseload, dialog = open_dialog(qtbot, vault, data_dir)
    before = pupils_by_upn(caseload)
    path = tmp_path / "spring.csv"
    path.write_text(ARBOR, encoding="utf-8")
    dialog.load(path)  # what choosing the file in the file dialog does
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=OP_TIMEOUT_MS)
    assert dialog.table.rowCount() == len(dialog.plan.lines)  # type: ignore[union-attr]
    words = {dialog.table.item(r, 1).text(): dialog.table.item(r, 0).text() for r in range(5)}
    assert set(words.values()) == {"New"}
    assert "5 new" in dialog.summary_label.text()
    assert pupils_by_upn(caseload) == before  # the preview wrote nothing
    # Tab leaves the preview table for the buttons.
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.table
    qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)  # &Import
    qtbot.waitUntil(lambda: "Imported" in dialog.status_label.text(), timeout=OP_TIMEOUT_MS)
    after = pupils_by_upn(caseload)
    assert len(after) == len(before) + 5
    kowalski = {
        after[u]["family_id"] for u in after if after[u]["family_name"] in ("Kowalska", "Kowalski")
    }
    assert len(kowalski) == 1  # Zofia, Jan and Ola: one family


def test_a_sibling_can_be_given_a_family_of_their_own_by_mouse(
    qtbot: QtBot, vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    caseload, dialog = open_dialog(qtbot, vault, data_dir)
    path = tmp_path / "summer.csv"
    path.write_text(BROMCOM, encoding="utf-8")
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=OP_TIMEOUT_MS)
    plan = dialog.plan
    assert plan is not None
    meera = next(i for i, line in enumerate(plan.lines) if line.name == "Meera Shah")
    ravi = next(line for line in plan.lines if line.name == "Ravi Patel")
    assert plan.lines[meera].group == ravi.group and plan.lines[meera].status == NEW
    # Click the "Own family" box of Meera's row: the preview is worked out again.
    cell = dialog.table.visualItemRect(dialog.table.item(meera, OWN_FAMILY))
    box = cell.topLeft() + (cell.bottomLeft() - cell.topLeft()) / 2
    box.setX(cell.left() + 10)
    first = plan
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=box)
    qtbot.waitUntil(lambda: dialog.plan is not first, timeout=OP_TIMEOUT_MS)
    assert dialog.split == {7}
    lines = {line.name: line for line in dialog.plan.lines}  # type: ignore[union-attr]
    assert lines["Meera Shah"].group != lines["Ravi Patel"].group
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Imported" in dialog.status_label.text(), timeout=OP_TIMEOUT_MS)
    pupils = pupils_by_upn(caseload)
    by_name = {p["given_name"]: p for p in pupils.values()}
    assert by_name["Meera"]["family_id"] != by_name["Ravi"]["family_id"]


def test_a_list_with_a_bad_row_shows_why_and_imports_nothing(
    qtbot: QtBot, vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    caseload, dialog = open_dialog(qtbot, vault, data_dir)
    before = pupils_by_upn(caseload)
    path = tmp_path / "bad.csv"
    path.write_text(ARBOR.replace("Kowalski,Jan", ",Jan"), encoding="utf-8")
    dialog.load(path)
    qtbot.waitUntil(dialog.problems.isVisible, timeout=OP_TIMEOUT_MS)
    assert "row 3" in dialog.problems.toPlainText()
    assert "surname is empty" in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()
    assert dialog.summary_label.text() == "Nothing was imported."
    assert pupils_by_upn(caseload) == before


def test_unrecognised_columns_are_chosen_in_the_app_and_remembered(
    qtbot: QtBot, vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    caseload, dialog = open_dialog(qtbot, vault, data_dir)
    path = tmp_path / "odd.csv"
    path.write_text("Pupil first,Pupil last,Born on\nAisha,Abdi,03/04/2017\n", encoding="utf-8")
    dialog.load(path)
    qtbot.waitUntil(dialog.problems.isVisible, timeout=OP_TIMEOUT_MS)
    assert "no column for forename" in dialog.problems.toPlainText()
    assert dialog.columns_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_M, ALT)  # Colu&mns…
    qtbot.waitUntil(lambda: dialog.columns_dialog is not None, timeout=2_000)
    columns = dialog.columns_dialog
    assert isinstance(columns, PupilColumnsDialog)
    qtbot.waitExposed(columns)
    for canonical, header in (
        ("given_name", "Pupil first"),
        ("family_name", "Pupil last"),
        ("date_of_birth", "Born on"),
    ):
        combo = columns.combos[canonical]
        combo.setFocus()
        # Down the list with the keyboard to the header wanted.
        while combo.currentData() != header:
            qtbot.keyClick(combo, Qt.Key.Key_Down)
    # A mnemonic needs its window to hold the keyboard (slow machines are slow to give it).
    columns.activateWindow()
    qtbot.waitUntil(columns.isActiveWindow, timeout=OP_TIMEOUT_MS)
    qtbot.keyClick(columns, Qt.Key.Key_U, ALT)  # &Use these columns
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=OP_TIMEOUT_MS)
    assert dialog.plan.count(NEW) == 1  # type: ignore[union-attr]
    assert "date of birth ← 'Born on'" in dialog.summary_label.text()
    dialog.activateWindow()  # offscreen, no window manager gives it back when the other closes
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2_000)
    qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)
    qtbot.waitUntil(lambda: "Imported" in dialog.status_label.text(), timeout=OP_TIMEOUT_MS)
    assert any(p["given_name"] == "Aisha" for p in pupils_by_upn_or_name(caseload))
    # Next term: the same headers are read without asking.
    _caseload, again = open_dialog(qtbot, vault, data_dir)
    again.load(path)
    qtbot.waitUntil(lambda: again.plan is not None, timeout=OP_TIMEOUT_MS)
    assert again.plan.count(NEW) == 0 and again.plan.count(UNCHANGED) == 1  # type: ignore[union-attr]


def pupils_by_upn_or_name(caseload: Caseload) -> list[dict[str, object]]:
    return [dict(p) for p in caseload.ctx.store.query("person", "role = 'pupil'")]
