"""File dialogs leave no family or child names behind (issue 15, part 5).

Every chooser goes through `ui/file_dialogs.py`: Qt's own dialog, Qt's settings never
written, suggested names that name no one. The Xvfb tests (`test_desktop_traces_xvfb.py`)
show the same under the GTK platform theme with real key presses.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui import file_dialogs
from liaison_desktop.ui.file_dialogs import (
    ask_save_path,
    open_folder_dialog,
    open_save_dialog,
    start_folder,
    suggested_file_name,
)
from liaison_desktop.ui.reports.report_dialog import ReportDialog
from liaison_desktop.ui.reports.reports_view import ReportsView
from liaison_desktop.ui.session_controller import SessionController
from tests.helpers import files_containing, new_canary

from .ui_helpers import OP_TIMEOUT_MS, unlocked_session

PACKAGE = Path(__file__).resolve().parents[2] / "liaison_desktop"
HELPER = PACKAGE / "ui" / "file_dialogs.py"
# Calls that open a chooser or a Qt settings file of their own.
DIALOG_CALLS = {
    "QFileDialog",
    "getSaveFileName",
    "getSaveFileUrl",
    "getOpenFileName",
    "getOpenFileNames",
    "getOpenFileUrl",
    "getExistingDirectory",
    "getExistingDirectoryUrl",
    "QSettings",
}


@pytest.fixture(autouse=True)
def _no_session_folder() -> Iterator[None]:
    file_dialogs.forget_session_folder()
    yield
    file_dialogs.forget_session_folder()


def _deleted_later() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _calls_outside_the_helper() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == HELPER:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in DIALOG_CALLS:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    return found


def test_every_file_dialog_and_qt_settings_file_goes_through_the_one_helper() -> None:
    assert _calls_outside_the_helper() == []


def test_qt_settings_are_pointed_where_no_file_can_be_written() -> None:
    file_dialogs.keep_qt_settings_off_disk()
    settings = QSettings(QSettings.Scope.UserScope, file_dialogs.QT_SETTINGS_ORGANISATION)
    assert settings.fileName().startswith(os.devnull + "/")
    settings.setValue("FileDialog/history", ["a folder named for a family"])
    settings.sync()
    assert settings.status() == QSettings.Status.AccessError  # refused, not written


def test_suggested_names_hold_the_report_the_day_and_a_short_reference_only() -> None:
    day = date(2026, 12, 3)
    assert (
        suggested_file_name("case-summary", day=day, reference="09103a67ffee", suffix="pdf")
        == "case-summary-2026-12-03-09103a67.pdf"
    )
    assert suggested_file_name("ecomap", day=day, suffix="png") == "ecomap-2026-12-03.png"
    # Whatever a caller passes as a reference, only letters and digits, eight at most.
    assert (
        suggested_file_name("chronology", day=day, reference="../a b/c", suffix="pdf")
        == "chronology-2026-12-03-abc.pdf"
    )


def _case_summary_dialog(
    qtbot: QtBot, caseload: Caseload, name: str
) -> tuple[ReportsView, ReportDialog]:
    view = ReportsView(caseload)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.buttons["case_summary"], Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None
    dialog.subject_filter.setText(name)
    dialog.subject_list.setCurrentIndex(dialog.subject_proxy.index(0, 0))
    assert dialog.subject_id() is not None
    return view, dialog  # the dialog lives as long as its view


def test_saving_a_report_uses_qts_own_dialog_suggests_no_name_and_writes_no_settings(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    canary = new_canary("Family")
    caseload = Caseload(vault)
    family = caseload.families.create({"name": f"{canary} household"})
    _view, dialog = _case_summary_dialog(qtbot, caseload, canary)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    chooser = dialog.findChild(QFileDialog)
    assert chooser is not None and chooser.isVisible()
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    [suggested] = chooser.selectedFiles()
    name = Path(suggested).name
    assert re.fullmatch(r"case-summary-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf", name), name
    assert canary not in name and family.id.startswith(name[-12:-4])

    out = tmp_path / "usb" / "report.pdf"
    out.parent.mkdir()
    with qtbot.waitSignal(dialog.saved, timeout=OP_TIMEOUT_MS):
        chooser.selectFile(str(out))
        chooser.accept()
    _deleted_later()  # Qt's dialog saves its history as it is destroyed

    home = tmp_path / "home"  # HOME and the XDG folders of this test (tests/conftest.py)
    assert not (home / ".config" / "QtProject.conf").exists()
    if home.exists():
        assert files_containing(home, [canary, str(out.parent)]) == []


def test_the_folder_last_chosen_is_kept_for_the_session_and_forgotten_on_lock(
    qtbot: QtBot, controller: SessionController, recovery_key: str, tmp_path: Path
) -> None:
    window = unlocked_session(qtbot, controller)
    folder = tmp_path / "stick"
    folder.mkdir()
    chosen: list[str] = []
    dialog = open_save_dialog(
        window, "Save", name_filter="*.txt", suggested_name="x.txt", on_chosen=chosen.append
    )
    dialog.selectFile(str(folder / "x.txt"))
    dialog.accept()
    assert chosen == [str(folder / "x.txt")]
    assert start_folder() == folder
    later = open_folder_dialog(window, "Folder", on_chosen=chosen.append)
    assert Path(later.directory().absolutePath()) == folder
    later.reject()

    window.lock_action.trigger()

    assert start_folder() != folder


def test_the_modal_save_dialog_is_qts_own_too(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[bool] = []

    def answer() -> None:
        chooser = QApplication.activeModalWidget()
        assert isinstance(chooser, QFileDialog)
        seen.append(chooser.testOption(QFileDialog.Option.DontUseNativeDialog))
        chooser.selectFile(str(tmp_path / "key.txt"))
        chooser.accept()

    QTimer.singleShot(0, answer)
    path = ask_save_path(None, "Save", name_filter="*.txt", suggested_name="key.txt")

    assert seen == [True]
    assert path == str(tmp_path / "key.txt")
