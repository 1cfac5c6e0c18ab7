"""Settings → Backups: back up now, see when the last backup was and where.

The backup runs off the GUI thread (it copies and checks the whole vault); its result is said
in the box and announced. Choosing a folder here also sets where the daily backup goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ...i18n import _
from ...services.backups_service import BackupsService
from ...services.vault_service import BackupResult
from ..announce import announce
from ..file_dialogs import open_folder_dialog
from ..ops import BackgroundOp
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.styles import apply_error_style, muted


def last_backup_text(backups: BackupsService) -> str:
    last, folder = backups.last_backup_at(), backups.folder()
    if last is None or folder is None:
        return _("No backup has been made from this vault yet.")
    return _("Last backup: {when} in {folder}").format(
        when=last.astimezone().strftime("%d %b %Y %H:%M"), folder=folder
    )


class BackupsBox(QGroupBox):
    """Back up now, and the last backup."""

    def __init__(self, backups: BackupsService, parent: QWidget | None = None) -> None:
        super().__init__(_("Backups"), parent)
        self._backups = backups
        self._op: BackgroundOp[Any] | None = None
        self.last_label = QLabel(last_backup_text(backups))
        self.last_label.setWordWrap(True)
        self.back_up_button = QPushButton(_("&Back up now…"))
        self.busy = BusyIndicator()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.last_label)
        button_row = QHBoxLayout()
        button_row.addWidget(self.back_up_button)
        button_row.addStretch(1)
        form.addRow(button_row)
        form.addRow(self.busy)
        form.addRow(self.result_label)
        form.addRow(
            muted(QLabel(_("A backup is encrypted: it opens only with your passphrase or your "
                           "recovery key. Keep it on another drive (a USB stick, a network "
                           "share). The newest seven are kept. Once a folder is chosen, the "
                           "app backs up there by itself once a day, when the vault is opened "
                           "and the folder can be reached.")))
        )  # fmt: skip
        self.back_up_button.clicked.connect(self._on_back_up)

    @Slot()
    def _on_back_up(self) -> None:
        folder = self._backups.folder()
        open_folder_dialog(
            self,
            _("Choose the folder for backups"),
            current=str(folder) if folder else "",
            on_chosen=lambda folder: self.back_up_to(Path(folder)) if folder else None,
        )

    def back_up_to(self, folder: Path) -> None:
        """Write a backup into `folder` in the background (what choosing the folder does)."""
        backups = self._backups
        self.back_up_button.setEnabled(False)
        self.result_label.setText("")
        self.busy.start(_("Backing up and checking the copy…"))
        self._op = BackgroundOp(
            owner=self,
            work=lambda _ctx: backups.back_up(folder),
            success=self._on_done,
            failure=self._on_failed,
        )
        self._op.run_in_background()

    def _on_done(self, result: BackupResult) -> None:
        self.busy.stop()
        self.back_up_button.setEnabled(True)
        self.last_label.setText(last_backup_text(self._backups))
        message = _("Backed up and checked: {path}").format(path=result.path)
        self.result_label.setText(message)
        announce(self, message)

    def _on_failed(self, message: str) -> None:
        self.busy.stop()
        self.back_up_button.setEnabled(True)
        self.result_label.setText(message)
        apply_error_style(self.result_label)
        announce(self, message, assertive=True)
