"""No plaintext on disk from a GUI session (issue 5, acceptance 4).

A canary goes into a family name and a note on a real vault; the session lists, filters,
opens and searches for them through the real widgets, then locks with Ctrl+L. Neither canary
may then be found, in UTF-8 or UTF-16, in any file under the data folder, the test's HOME and
XDG folders (where Qt keeps its settings files) or TMPDIR.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.caseload.search_popup import SearchPopup
from liaison_desktop.ui.session_controller import SessionController
from tests.helpers import files_containing, new_canary

from .ui_helpers import OP_TIMEOUT_MS, activate, unlocked_session


def test_a_gui_session_leaves_no_canary_in_any_file_after_locking(
    qtbot: QtBot,
    controller: SessionController,
    recovery_key: str,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    name_canary = new_canary("Kanaryname")
    note_canary = new_canary("Kanarynote")
    window = unlocked_session(qtbot, controller)
    activate(qtbot, window)

    caseload = Caseload(cast(Vault, controller.vault))
    family = caseload.families.create({"name": f"{name_canary} family"}).id
    caseload.families.create({"name": "Adeyemi family"})
    caseload.notes.write(family, f"Visited after school; {note_canary} and the bus pass.")

    # The list: shown, filtered by typing the canary, the family opened with Enter.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.view("caseload")
    assert isinstance(view, CaseloadView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=OP_TIMEOUT_MS)
    view.filter_edit.setFocus()
    view.filter_edit.insert(name_canary)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1, timeout=OP_TIMEOUT_MS)
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.open_family_id == family
    qtbot.keyClick(view.family_frame.back_button, Qt.Key.Key_Escape)  # type: ignore[union-attr]

    # Search everything for the note's canary; Enter opens its family.
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    popup = view.search_popup
    assert isinstance(popup, SearchPopup)
    qtbot.waitUntil(popup.query_edit.hasFocus, timeout=OP_TIMEOUT_MS)
    popup.query_edit.insert(note_canary)
    qtbot.waitUntil(lambda: popup.model.rowCount() == 1, timeout=OP_TIMEOUT_MS)
    qtbot.keyClick(popup.query_edit, Qt.Key.Key_Return)
    assert view.open_family_id == family

    # Lock with the keyboard.
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=OP_TIMEOUT_MS)
    assert controller.vault is None

    roots = {
        "data": data_dir,
        "home": Path(os.environ["HOME"]),
        "config": Path(os.environ["XDG_CONFIG_HOME"]),
        "share": Path(os.environ["XDG_DATA_HOME"]),
        "tmp": Path(os.environ["TMPDIR"]),
    }
    assert all(root.is_relative_to(tmp_path) for root in roots.values())
    assert any(data_dir.iterdir())  # the vault really was written here
    for label, root in roots.items():
        if root.exists():
            assert files_containing(root, [name_canary, note_canary]) == [], label
