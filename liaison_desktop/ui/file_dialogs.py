"""Every file and folder chooser in the app, made so that choosing a file leaves no trace.

Three things would otherwise write a family's name outside the vault (docs/decisions.md,
"Nothing left behind by the desktop"):

- the platform's own dialog: GTK records every chosen file in `recently-used.xbel`, Windows
  in its recent-files lists. Qt's own dialog (`DontUseNativeDialog`) records nothing;
- Qt's dialog itself: it saves its history and last folder through
  `QSettings(UserScope, "QtProject")` when it is destroyed. Qt's user-scope settings path is
  pointed at `os.devnull`, where no file can ever be made, so that write fails quietly; where
  the platform keeps those settings elsewhere (the Windows registry, macOS preferences) the
  dialog's group is removed as soon as the dialog is gone;
- the suggested file name: it names what the file is and the day, plus at most a short record
  reference (`suggested_file_name`), never a person.

The folder last chosen is remembered in memory only, for this session (`forget_session_folder`
on lock), so the next dialog opens where the officer last saved.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

# A path under which no file can exist (a device, not a folder): Qt's writes there fail.
NOWHERE = os.devnull
QT_SETTINGS_ORGANISATION = "QtProject"  # what QFileDialog's settings are filed under
DIALOG_SETTINGS_GROUP = "FileDialog"

_session_folder: Path | None = None


def keep_qt_settings_off_disk() -> None:
    """Point Qt's per-user settings files at `NOWHERE`, so no Qt class can write one."""
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, NOWHERE)


def _forget_dialog_settings() -> None:
    # Only matters where setPath does not apply (registry, macOS preferences); elsewhere the
    # settings file is under NOWHERE and this changes nothing.
    settings = QSettings(QSettings.Scope.UserScope, QT_SETTINGS_ORGANISATION)
    settings.remove(DIALOG_SETTINGS_GROUP)
    settings.sync()


def forget_session_folder() -> None:
    """Drop the folder remembered from this session's last choice (the vault is locking)."""
    global _session_folder
    _session_folder = None


def start_folder() -> Path:
    """Where a dialog opens: this session's last folder, else Documents, else home."""
    if _session_folder is not None and _session_folder.is_dir():
        return _session_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def _remember(chosen: str, *, is_folder: bool) -> None:
    global _session_folder
    if chosen:
        path = Path(chosen)
        _session_folder = path if is_folder else path.parent


def suggested_file_name(what: str, *, day: date, reference: str = "", suffix: str) -> str:
    """`what-YYYY-MM-DD[-reference].suffix`, from words the caller vouches name no one.

    `reference` is a record id, cut to its first 8 characters: enough to tell two files of
    one day apart, nothing an onlooker can read a family from.
    """
    parts = [what, day.isoformat()]
    short = re.sub(r"[^0-9A-Za-z]", "", reference)[:8]
    if short:
        parts.append(short)
    return "-".join(parts) + "." + suffix


def _dialog(parent: QWidget | None, title: str, folder: Path) -> QFileDialog:
    keep_qt_settings_off_disk()
    dialog = QFileDialog(parent, title, str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.destroyed.connect(_forget_dialog_settings)
    return dialog


def open_save_dialog(
    parent: QWidget,
    title: str,
    *,
    name_filter: str,
    suggested_name: str,
    on_chosen: Callable[[str], None],
) -> QFileDialog:
    """Show a non-blocking "save as" dialog; `on_chosen(path)` runs once a file is chosen.

    The dialog deletes itself when closed; the caller may keep it only to look at it.
    """
    dialog = _dialog(parent, title, start_folder())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(name_filter)
    suffix = Path(suggested_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested_name)
    dialog.fileSelected.connect(lambda path: _remember(path, is_folder=False))
    dialog.fileSelected.connect(on_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_files_dialog(
    parent: QWidget, title: str, *, on_chosen: Callable[[list[str]], None]
) -> QFileDialog:
    """Show a non-blocking chooser of existing files; `on_chosen(paths)` runs once chosen."""
    dialog = _dialog(parent, title, start_folder())
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.filesSelected.connect(
        lambda paths: _remember(paths[0], is_folder=False) if paths else None
    )
    dialog.filesSelected.connect(on_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_folder_dialog(
    parent: QWidget,
    title: str,
    *,
    current: str = "",
    on_chosen: Callable[[str], None],
) -> QFileDialog:
    """Show a non-blocking folder chooser starting at `current` (if it exists)."""
    folder = Path(current) if current and Path(current).is_dir() else start_folder()
    dialog = _dialog(parent, title, folder)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.fileSelected.connect(lambda path: _remember(path, is_folder=True))
    dialog.fileSelected.connect(on_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def ask_save_path(
    parent: QWidget | None, title: str, *, name_filter: str, suggested_name: str
) -> str | None:
    """A modal "save as" dialog; the chosen path, or None if the officer cancelled."""
    dialog = _dialog(parent, title, start_folder())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(name_filter)
    suffix = Path(suggested_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested_name)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        chosen = dialog.selectedFiles()[0]
    finally:
        dialog.deleteLater()
    _remember(chosen, is_folder=False)
    return chosen
